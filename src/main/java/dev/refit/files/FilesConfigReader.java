package dev.refit.files;

import dev.refit.version.InvalidPolicyException;
import dev.refit.version.TagFilter;
import dev.refit.version.VersionPolicy;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a {@code refit-files.yaml}:
 *
 * <pre>
 * policy: semver:patch
 * rules:
 *   - image: pihole/pihole
 *     policy: regex:^(?&lt;version&gt;\d{4}\.\d{2}(\.\d+)?)$
 *     exclude: beta
 *   - image: ghcr.io/acme/*
 *     ignore: true
 * </pre>
 *
 * Every mistake (unknown key, bad policy or regex, wrong type) is reported with its line, since a
 * typo would otherwise silently change which versions a file moves to.
 */
public final class FilesConfigReader {
  private static final Set<String> TOP_KEYS = Set.of("policy", "rules");
  private static final Set<String> RULE_KEYS = Set.of("image", "policy", "include", "exclude", "ignore");

  /**
   * @throws FileParseException naming the line and what is wrong
   */
  public FilesConfig read(SourceFile file) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(file.text()));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new FileParseException(
          mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new FileParseException(0, "not valid YAML: " + e.getMessage());
    }
    if (root == null || isNull(root)) {
      return new FilesConfig(file.path(), null, List.of());
    }
    MappingNode top = mapping(root, "the file");
    String policy = null;
    List<ImageRule> rules = new ArrayList<>();
    for (NodeTuple entry : top.getValue()) {
      String key = key(entry, TOP_KEYS, "");
      Node value = entry.getValueNode();
      if (key.equals("policy")) {
        policy = string(value, "policy");
        checkPolicy(value, policy);
      } else if (!isNull(value)) {
        if (!(value instanceof SequenceNode list)) {
          throw error(value, "rules must be a list of rules");
        }
        for (Node item : list.getValue()) {
          rules.add(rule(item, "rules[" + rules.size() + "]"));
        }
      }
    }
    return new FilesConfig(file.path(), policy, rules);
  }

  private ImageRule rule(Node node, String where) {
    MappingNode mapping = mapping(node, where);
    String image = null;
    String policy = null;
    String include = null;
    String exclude = null;
    boolean ignore = false;
    for (NodeTuple entry : mapping.getValue()) {
      String key = key(entry, RULE_KEYS, where + ".");
      Node value = entry.getValueNode();
      String text = string(value, where + "." + key);
      switch (key) {
        case "image" -> image = text;
        case "policy" -> {
          policy = text;
          checkPolicy(value, policy);
        }
        case "include" -> include = text;
        case "exclude" -> exclude = text;
        default -> ignore = bool(value, text, where + ".ignore");
      }
    }
    if (image == null || image.isBlank()) {
      throw error(node, where + " needs an image: the name (or glob) it applies to");
    }
    try {
      TagFilter.of(include, exclude);
    } catch (InvalidPolicyException e) {
      throw error(node, where + ": " + e.getMessage());
    }
    return new ImageRule(image.strip(), policy, include, exclude, ignore, line(node));
  }

  private static void checkPolicy(Node node, String policy) {
    if (policy == null) {
      return;
    }
    try {
      VersionPolicy.parse(policy);
    } catch (InvalidPolicyException e) {
      throw error(node, e.getMessage());
    }
  }

  private static String key(NodeTuple entry, Set<String> allowed, String prefix) {
    if (!(entry.getKeyNode() instanceof ScalarNode key) || !allowed.contains(key.getValue())) {
      String name = entry.getKeyNode() instanceof ScalarNode k ? k.getValue() : "a non-text key";
      throw error(
          entry.getKeyNode(),
          prefix + name + " is not a known key; allowed here: "
              + String.join(", ", allowed.stream().sorted().toList()));
    }
    return key.getValue();
  }

  private static MappingNode mapping(Node node, String what) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, what + " must be a mapping");
    }
    return mapping;
  }

  private static String string(Node node, String what) {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw error(node, what + " must be a single value");
    }
    return scalar.getValue();
  }

  private static boolean bool(Node node, String text, String what) {
    return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(node, what + " must be true or false");
    };
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static FileParseException error(Node node, String reason) {
    return new FileParseException(line(node), reason);
  }
}
