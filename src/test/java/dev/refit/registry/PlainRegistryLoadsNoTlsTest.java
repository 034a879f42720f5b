package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.ClassLoads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plain-http registry must not pay for TLS ({@code java.net.http}'s client built the default
 * SSLContext in its constructor, reading cacerts: ~430 classes and ~0.3 s): a fresh JVM asking one
 * loads no {@code javax.net.ssl}, {@code sun.security.ssl} or {@code java.net.http} class.
 */
class PlainRegistryLoadsNoTlsTest {

  @Test
  void askingAPlainHttpRegistryLoadsNoTlsClass() throws Exception {
    ClassLoads run = ClassLoads.of(PlainRegistryMain.class, Map.of());
    assertThat(run.output()).contains("digest sha256:abab");
    assertThat(run.loaded())
        .anyMatch(line -> line.contains("dev.refit.http.client.OriginClient "));
    assertThat(run.loaded())
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains(" java.net.http."))
        .noneMatch(line -> line.contains("dev.refit.http.client.HttpsLayer"));
  }
}
