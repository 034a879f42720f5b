package dev.refit.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Commits written files with the {@code git} command, one commit per repository, containing those
 * files only (whatever else is staged stays staged). Never pushes.
 */
public final class GitCommitter {
  private static final long TIMEOUT_SECONDS = 60;

  private final Map<String, String> environment;

  /**
   * @param environment extra environment for git, e.g. an author identity; empty for the user's own
   */
  public GitCommitter(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param repository the repository's top directory
   * @param id the new commit's abbreviated hash
   * @param files the committed files, relative to the repository
   */
  public record Commit(Path repository, String id, List<Path> files) {}

  /** A written file and the bumps made in it, one line each. */
  public record Change(Path file, List<Bump> bumps) {}

  /**
   * @param image the image's name, e.g. {@code docker.io/pihole/pihole}
   * @param from the version before, e.g. {@code 2022.12}
   * @param to the version after
   * @param line where in the file
   */
  public record Bump(String image, String from, String to, int line) {}

  /**
   * @throws IOException naming the repository and git's complaint
   */
  public List<Commit> commit(List<Change> changes) throws IOException {
    Map<Path, List<Change>> byRepository = new LinkedHashMap<>();
    for (Change change : changes) {
      Path directory = change.file().toAbsolutePath().getParent();
      Path top = Path.of(git(directory, "rev-parse", "--show-toplevel").strip()).toRealPath();
      byRepository.computeIfAbsent(top, t -> new ArrayList<>()).add(change);
    }
    List<Commit> commits = new ArrayList<>();
    for (Map.Entry<Path, List<Change>> repository : byRepository.entrySet()) {
      Path top = repository.getKey();
      List<String> relative = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      int bumps = 0;
      for (Change change : repository.getValue()) {
        String path = top.relativize(change.file().toRealPath()).toString();
        relative.add(path);
        for (Bump bump : change.bumps()) {
          lines.add("- " + bump.image() + " " + bump.from() + " -> " + bump.to() + " (" + path + ":" + bump.line() + ")");
          bumps++;
        }
      }
      String subject =
          bumps == 1
              ? "refit: update " + firstBump(repository.getValue()).image() + " to " + firstBump(repository.getValue()).to()
              : "refit: update " + bumps + " images";
      String message = subject + "\n\n" + String.join("\n", lines) + "\n";
      List<String> add = new ArrayList<>(List.of("add", "--"));
      add.addAll(relative);
      git(top, add.toArray(String[]::new));
      List<String> commit = new ArrayList<>(List.of("commit", "--quiet", "-m", message, "--"));
      commit.addAll(relative);
      git(top, commit.toArray(String[]::new));
      String id = git(top, "rev-parse", "--short", "HEAD").strip();
      commits.add(new Commit(top, id, relative.stream().map(Path::of).toList()));
    }
    return commits;
  }

  private static Bump firstBump(List<Change> changes) {
    return changes.stream().flatMap(c -> c.bumps().stream()).findFirst().orElseThrow();
  }

  private static String readAll(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String git(Path directory, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    // stderr is drained beside stdout so that neither pipe can fill up and stall git
    CompletableFuture<String> errors =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String out = readAll(process.getInputStream());
    String err = errors.join();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("git " + arguments[0] + " in " + directory + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while git " + arguments[0] + " ran");
    }
    if (process.exitValue() != 0) {
      String first = err.strip().lines().findFirst().orElse("exit status " + process.exitValue());
      throw new IOException("git " + arguments[0] + " in " + directory + " failed: " + first);
    }
    return out;
  }
}
