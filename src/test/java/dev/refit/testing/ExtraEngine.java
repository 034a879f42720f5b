package dev.refit.testing;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One more private Docker engine beside the test environment's own, for tests that need several
 * hosts (a fleet server and agents on different engines). It pulls from the same registry, has
 * its own data root, exec root, socket, bridges and subnets, and is started and stopped by
 * scripts/lib/testenv.sh ({@code testenv_start_engine} / {@code testenv_stop_engine}) so that the
 * script's {@code testenv_stop} removes it too when a test run dies before {@link #close()}.
 *
 * <p>Starting one takes about two seconds; share it across the cases of a test class.
 */
public final class ExtraEngine implements AutoCloseable {
  private static final Path SCRIPT = Path.of("scripts/lib/testenv.sh");

  private final TestEnvironment main;
  private final String name;
  private final TestEnvironment environment;

  private ExtraEngine(TestEnvironment main, String name, String dockerHost) {
    this.main = main;
    this.name = name;
    this.environment = main.withDockerHost(dockerHost);
  }

  /**
   * Starts (or restarts, empty) the engine {@code name} (1-8 characters a-z, 0-9, '-') of the
   * test environment.
   */
  public static ExtraEngine start(TestEnvironment env, String name) {
    return start(env, name, List.of());
  }

  /**
   * As {@link #start(TestEnvironment, String)}, with more dockerd arguments, e.g. {@code -H
   * tcp://127.0.0.1:PORT --tlsverify ...} for an engine reached over TLS.
   */
  public static ExtraEngine start(TestEnvironment env, String name, List<String> dockerdArgs) {
    List<String> lines = script(env, "testenv_start_engine", name, dockerdArgs).lines().toList();
    String dockerHost = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    if (!dockerHost.startsWith("unix://")) {
      throw new IllegalStateException("testenv_start_engine printed no DOCKER_HOST: " + lines);
    }
    return new ExtraEngine(env, name, dockerHost);
  }

  public String name() {
    return name;
  }

  /** {@code unix://...} socket of this engine. */
  public String dockerHost() {
    return environment.dockerHost();
  }

  /**
   * The test environment seen through this engine (same registry and directory), for {@link
   * ContainerFixture}, {@link SwarmFixture} and the other helpers.
   */
  public TestEnvironment environment() {
    return environment;
  }

  /** A new docker-java client for this engine; the caller closes it. */
  public DockerClient dockerClient() {
    return environment.dockerClient();
  }

  /** Makes this engine a single-node Swarm manager (close the fixture to leave again). */
  public SwarmFixture initSwarm() {
    return SwarmFixture.init(environment);
  }

  /** Stops the engine and removes its containers, data and bridges. */
  @Override
  public void close() {
    script(main, "testenv_stop_engine", name, List.of());
  }

  private static String script(
      TestEnvironment env, String function, String name, List<String> args) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of("bash", "-c", ". \"$0\" && " + function + " \"$@\"", SCRIPT.toString(), name));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("REFIT_TEST_DIR", env.dir().toString());
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(function + " " + name + " did not finish in 2 minutes");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            function + " " + name + " failed (exit " + p.exitValue() + "); see the test's stderr");
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + function + " " + name, e);
    }
  }
}
