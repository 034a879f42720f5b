package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plain-http registry must not pay for TLS ({@code java.net.http}'s client built the default
 * SSLContext in its constructor, reading cacerts: ~430 classes and ~0.3 s): a fresh JVM asking one
 * loads no {@code javax.net.ssl}, {@code sun.security.ssl} or {@code java.net.http} class.
 */
class PlainRegistryLoadsNoTlsTest {

  @Test
  void askingAPlainHttpRegistryLoadsNoTlsClass() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:stdout:tags",
                "-cp",
                System.getProperty("java.class.path"),
                PlainRegistryMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("digest sha256:abab");
    List<String> loaded = output.lines().filter(line -> line.startsWith("[class,load]")).toList();
    assertThat(loaded).anyMatch(line -> line.contains("dev.refit.http.client.OriginClient "));
    assertThat(loaded)
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains(" java.net.http."))
        .noneMatch(line -> line.contains("dev.refit.http.client.HttpsLayer"));
  }
}
