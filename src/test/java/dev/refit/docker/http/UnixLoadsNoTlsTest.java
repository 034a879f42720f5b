package dev.refit.docker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.ClassLoads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local socket must not pay for TLS (docker-java's transport loaded ~650 JDK net/TLS classes
 * for it): a fresh JVM doing one unix exchange loads no {@code javax.net.ssl} or {@code
 * sun.security.ssl} class, even with DOCKER_TLS_VERIFY set (the CLI ignores it for sockets).
 */
class UnixLoadsNoTlsTest {

  @Test
  void aUnixExchangeLoadsNoTlsClass() throws Exception {
    ClassLoads run = ClassLoads.of(UnixExchangeMain.class, Map.of("DOCKER_TLS_VERIFY", "1"));
    assertThat(run.output()).contains("status 200");
    assertThat(run.loaded()).anyMatch(line -> line.contains("dev.refit.docker.http.ChannelConduit"));
    assertThat(run.loaded())
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains("dev.refit.docker.http.TlsLayer"));
  }
}
