package dev.refit.docker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local socket must not pay for TLS (docker-java's transport loaded ~650 JDK net/TLS classes
 * for it): a fresh JVM doing one unix exchange loads no {@code javax.net.ssl} or {@code
 * sun.security.ssl} class, even with DOCKER_TLS_VERIFY set (the CLI ignores it for sockets).
 */
class UnixLoadsNoTlsTest {

  @Test
  void aUnixExchangeLoadsNoTlsClass() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:stdout:tags",
                "-cp",
                System.getProperty("java.class.path"),
                UnixExchangeMain.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("DOCKER_TLS_VERIFY", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("status 200");
    List<String> loaded = output.lines().filter(line -> line.startsWith("[class,load]")).toList();
    assertThat(loaded).anyMatch(line -> line.contains("dev.refit.docker.http.ChannelConduit"));
    assertThat(loaded)
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains("dev.refit.docker.http.TlsLayer"));
  }
}
