package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code refit serve} over plain HTTP must not pay for TLS, nor load Jetty, Javalin or Kotlin: a
 * fresh JVM running the daemon and answering requests loads no {@code javax.net.ssl} or {@code
 * sun.security.ssl} class and none of Refit's HTTPS classes.
 */
class PlainServeLoadsNoTlsTest {

  @Test
  void aPlainDaemonLoadsNoTlsClass() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:stdout:tags",
                "-cp",
                System.getProperty("java.class.path"),
                PlainServeMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("/healthz status 200", "/ui/events status 401", "/api/targets status 401");
    List<String> loaded = output.lines().filter(line -> line.startsWith("[class,load]")).toList();
    assertThat(loaded).anyMatch(line -> line.contains("dev.refit.http.server.Connection"));
    assertThat(loaded)
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains("dev.refit.http.server.TlsHandshaker") || line.contains("dev.refit.server.ServerTls"))
        .noneMatch(line -> line.contains(" org.eclipse.jetty.") || line.contains(" io.javalin.") || line.contains(" kotlin."));
  }
}
