package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without a Docker Engine gets one line that says what was tried and what to do. */
class NoEngineTest {
  @TempDir Path home;

  private String[] run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void missingSocket() {
    String[] r = run(Map.of("HOME", home.toString()), "check", "--host", "unix:///nonexistent/docker.sock");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[1]).isEmpty();
    assertThat(r[2])
        .isEqualTo(
            "refit: cannot reach the Docker Engine at unix:///nonexistent/docker.sock (no such"
                + " socket): start Docker there, point Refit at another engine with --host or"
                + " DOCKER_HOST, or run ./scripts/demo to try Refit on a private engine\n");
  }

  @Test
  void dockerHostFromTheEnvironmentAndARefusedConnection() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String[] r = run(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port, "HOME", home.toString()), "check");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .startsWith("refit: cannot reach the Docker Engine at tcp://127.0.0.1:" + port + " (")
        .contains("./scripts/demo")
        .hasLineCount(1);
  }

  @Test
  void badConfigurationStopsBeforeAnythingElse() {
    String[] r = run(Map.of("REFIT_OPT_IN", "perhaps", "HOME", home.toString()), "check");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).isEqualTo("refit: REFIT_OPT_IN='perhaps' must be true or false\n");
  }
}
