package dev.refit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package graph of the main code acyclic: a package may use another only if that one
 * never reaches back. Read from the sources (imports and fully qualified names), so a new cycle
 * fails here with the files that close it, before anyone builds on it.
 */
class PackageGraphTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
  /** {@code dev.refit.a.b.Type}: the package is the part before the first upper-case segment. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.refit(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

  @Test
  void packagesFormNoCycle() {
    Map<String, Map<String, Set<String>>> graph = readGraph();

    List<List<String>> cycles = new StronglyConnected(graph).componentsWithCycles();

    assertThat(describe(cycles, graph)).as("package cycles").isEmpty();
  }

  @Test
  void theReaderSeesTheGraph() {
    Map<String, Map<String, Set<String>>> graph = readGraph();
    // A sanity check that the scan reads real edges, so an empty cycle list means something.
    assertThat(graph.get("dev.refit.cli")).containsKey("dev.refit.pipeline");
    assertThat(graph).containsKey("dev.refit.settings");
  }

  /** package → (package it uses → files that use it). */
  private static Map<String, Map<String, Set<String>>> readGraph() {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        String from = pkg.group(1);
        Map<String, Set<String>> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
        while (ref.find()) {
          String to = ref.group(1);
          if (!to.equals(from)) {
            uses.computeIfAbsent(to, k -> new TreeSet<>()).add(MAIN.relativize(file).toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  private static List<String> describe(
      List<List<String>> cycles, Map<String, Map<String, Set<String>>> graph) {
    List<String> lines = new ArrayList<>();
    for (List<String> cycle : cycles) {
      StringBuilder line = new StringBuilder("cycle among " + cycle + ":");
      for (String from : cycle) {
        for (String to : cycle) {
          Set<String> files = graph.getOrDefault(from, Map.of()).get(to);
          if (files != null) {
            line.append("\n  ").append(from).append(" -> ").append(to).append(" in ").append(files);
          }
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** Tarjan's algorithm: the strongly connected components with more than one package. */
  private static final class StronglyConnected {
    private final Map<String, Map<String, Set<String>>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> found = new ArrayList<>();

    StronglyConnected(Map<String, Map<String, Set<String>>> graph) {
      this.graph = graph;
    }

    List<List<String>> componentsWithCycles() {
      for (String node : graph.keySet()) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      return found;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        List<String> component = new ArrayList<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          found.add(component.stream().sorted().toList());
        }
      }
    }
  }
}
