package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.ClassLoads;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent whose server is plain http must not pay for TLS: {@code java.net.http}'s WebSocket built
 * the default SSLContext (cacerts, ~430 TLS classes) even for ws://. A fresh JVM that enrols,
 * heartbeats, reconnects with its credential and is refused a second enrolment under its name loads no {@code
 * javax.net.ssl}, {@code sun.security.ssl} or {@code java.net.http} class.
 */
class PlainAgentLoadsNoTlsTest {

  @Test
  void anAgentSpeakingWsLoadsNoTlsClass() throws Exception {
    ClassLoads run = ClassLoads.of(PlainAgentMain.class, Map.of());
    assertThat(run.output())
        .contains("round 1 connected true")
        .contains("round 2 connected true")
        .contains("name taken REFUSED: the server refused to enrol 'edge' (409: an agent with that name is enrolled already");
    assertThat(run.loaded())
        .anyMatch(line -> line.contains("dev.refit.http.websocket.client.WebSocketConnection "));
    assertThat(run.loaded())
        .noneMatch(line -> line.contains(" javax.net.ssl.") || line.contains(" sun.security.ssl."))
        .noneMatch(line -> line.contains(" java.net.http."))
        .noneMatch(line -> line.contains("dev.refit.http.client.HttpsLayer"));
  }
}
