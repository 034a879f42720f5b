package dev.refit.cli;

import dev.refit.testing.TestEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the {@code refit} command line in-process against the test engine, capturing its output. */
public final class RefitCli {
  /** What one command printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  private final Map<String, String> environment;

  private RefitCli(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The environment a user of the test engine would have: {@code DOCKER_HOST} set, Docker's
   * config in an empty directory (no credentials unless a test writes some), Refit's state in
   * {@code stateDir}.
   */
  public static RefitCli forTestEngine(TestEnvironment env, Path dockerConfig, Path stateDir) {
    Map<String, String> e = new HashMap<>();
    e.put("DOCKER_HOST", env.dockerHost());
    e.put("DOCKER_CONFIG", dockerConfig.toString());
    e.put("REFIT_STATE_DIR", stateDir.toString());
    e.put("HOME", stateDir.toString());
    return new RefitCli(e);
  }

  /** Exactly this environment (a client of a server needs no engine). */
  public static RefitCli of(Map<String, String> environment) {
    return new RefitCli(environment);
  }

  /** The same environment with more variables. */
  public RefitCli with(Map<String, String> more) {
    Map<String, String> e = new HashMap<>(environment);
    e.putAll(more);
    return new RefitCli(e);
  }

  public Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, environment, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }
}
