package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.ClassLoads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code refit serve} over plain HTTP must not pay for TLS, nor load Jetty, Javalin or Kotlin: a
 * fresh JVM running the daemon and answering requests loads no {@code javax.net.ssl} or {@code
 * sun.security.ssl} class and none of Refit's HTTPS classes.
 */
class PlainServeLoadsNoTlsTest {

  @Test
  void aPlainDaemonLoadsNoTlsClass() throws Exception {
    ClassLoads run = ClassLoads.of(PlainServeMain.class, Map.of());
    assertThat(run.output()).contains("/healthz status 200", "/ui/events status 401", "/api/targets status 401");
    List<String> loaded = run.loaded();
    assertThat(loaded).anyMatch(line -> line.contains("dev.refit.http.server.Connection"));
    assertThat(loaded)
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains("dev.refit.http.server.TlsHandshaker") || line.contains("dev.refit.server.ServerTls"))
        .noneMatch(line -> line.contains(" org.eclipse.jetty.") || line.contains(" io.javalin.") || line.contains(" kotlin."));
  }
}
