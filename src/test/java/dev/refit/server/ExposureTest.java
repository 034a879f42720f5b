package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.config.ServeSettings;
import org.junit.jupiter.api.Test;

class ExposureTest {
  private static ServeSettings serve(String address, boolean anonymous) {
    return new ServeSettings(address, 8080, null, null, null, anonymous, false, null, null);
  }

  @Test
  void anAnonymousApiBeyondLoopbackIsWarnedAboutLoudly() {
    assertThat(Exposure.anonymousBeyondLoopback(serve("0.0.0.0", true)))
        .hasValueSatisfying(w -> assertThat(w).startsWith("THE API IS ANONYMOUS AND LISTENS ON 0.0.0.0:8080"));
    assertThat(Exposure.anonymousBeyondLoopback(serve("192.168.1.20", true))).isPresent();
    assertThat(Exposure.anonymousBeyondLoopback(serve("::", true))).isPresent();
  }

  @Test
  void loopbackOrCredentialsNeedNoWarning() {
    assertThat(Exposure.anonymousBeyondLoopback(serve("127.0.0.1", true))).isEmpty();
    assertThat(Exposure.anonymousBeyondLoopback(serve("::1", true))).isEmpty();
    assertThat(Exposure.anonymousBeyondLoopback(serve("localhost", true))).isEmpty();
    assertThat(Exposure.anonymousBeyondLoopback(serve("0.0.0.0", false))).isEmpty();
  }
}
