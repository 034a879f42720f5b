package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI against one engine, as a user would type it: for tests whose point is the
 * commands a README shows ({@code docker service create ...}), where docker-java would hide them.
 *
 * @param dockerHost {@code unix://...} of the engine
 * @param config a {@code DOCKER_CONFIG} directory of the test's own (no user's credentials)
 */
public record DockerCli(String dockerHost, Path config) {
  /** Runs {@code docker args...}; stdout and stderr together; fails the test on a non-zero exit. */
  public String run(String... args) {
    Result r = attempt(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " failed (exit " + r.exitCode() + "):\n" + r.output());
    }
    return r.output();
  }

  /** Like {@link #run} for diagnostics: a failure comes back as its text. */
  public String quiet(String... args) {
    return attempt(args).output();
  }

  /** What a command printed and its exit code, 3 minutes at most. */
  public Result attempt(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", dockerHost);
    pb.environment().put("DOCKER_CONFIG", config.toString());
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: docker " + String.join(" ", args), e);
    }
  }

  /** One command's end. */
  public record Result(int exitCode, String output) {}

  /** The engine's socket path, for {@code -v SOCKET:/var/run/docker.sock}. */
  public String socket() {
    return dockerHost.replaceFirst("^unix://", "");
  }

  /** The group owning the engine's socket, for {@code --group-add}: the image's user is not root. */
  public String socketGroup() {
    try {
      return String.valueOf(java.nio.file.Files.getAttribute(Path.of(socket()), "unix:gid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
