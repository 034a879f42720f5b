package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.image.Platform;
import dev.refit.testing.PlayedEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connecting to an engine (played on loopback) and what it is asked, when. */
class DockerEngineTest {
  @Test
  void connectingOnlyPingsAndInfoIsAskedOnceWhenFirstNeeded() {
    try (PlayedEngine played = new PlayedEngine()) {
      // /info as engine 20.10 answers on a Raspberry Pi on a 32-bit OS (fields trimmed)
      played.answer(
          "/info",
          200,
          "{\"OSType\":\"linux\",\"Architecture\":\"armv7l\",\"Name\":\"pi\",\"ServerVersion\":\"20.10.24\"}");

      try (DockerEngine engine = DockerEngine.connect(played.host(), Map.of())) {
        assertThat(played.asked()).containsExactly("GET /_ping");

        assertThat(engine.platform()).isEqualTo(Platform.parse("linux/arm/v7"));
        assertThat(engine.hostName()).isEqualTo("pi");
        assertThat(engine.version()).isEqualTo("20.10.24");
        assertThat(played.asked()).containsExactly("GET /_ping", "GET /info");
      }
    }
  }

  @Test
  void aSocketProxyThatDeniesInfoLeavesThePlatformOfThisMachine() {
    try (PlayedEngine played = new PlayedEngine()) {
      // docker-socket-proxy (haproxy) answers a denied section 403 with an HTML page
      played.answer("/info", 403, "<html><body><h1>403 Forbidden</h1></body></html>");

      try (DockerEngine engine = DockerEngine.connect(played.host(), Map.of())) {
        assertThat(engine.platform()).isEqualTo(Platform.ofThisMachine());
        assertThat(engine.hostName()).isNull();
        assertThat(engine.version()).isNull();
        assertThat(played.asked()).containsExactly("GET /_ping", "GET /info");
      }
    }
  }
}
