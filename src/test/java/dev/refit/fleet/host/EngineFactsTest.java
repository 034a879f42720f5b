package dev.refit.fleet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.docker.DockerEngine;
import dev.refit.docker.swarm.SwarmMembership;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.testing.PlayedEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an environment reports of its engine (see SwarmMembershipTest for the swarm's answers). */
class EngineFactsTest {
  @Test
  void eachMembershipIsARole() {
    assertThat(EngineFacts.role(SwarmMembership.MANAGER)).isEqualTo(SwarmRole.MANAGER);
    assertThat(EngineFacts.role(SwarmMembership.WORKER)).isEqualTo(SwarmRole.WORKER);
    assertThat(EngineFacts.role(SwarmMembership.NONE)).isEqualTo(SwarmRole.STANDALONE);
  }

  @Test
  void behindASocketProxyThatDeniesInfoTheFactsNeedNoInfo() {
    try (PlayedEngine played = new PlayedEngine()) {
      played
          .answer("/info", 403, "<html><body><h1>403 Forbidden</h1></body></html>")
          .answer("/version", 200, "{\"Version\":\"20.10.24+dfsg1\",\"ApiVersion\":\"1.41\"}")
          .answer("/swarm", 503, "{\"message\":\"This node is not part of a swarm\"}");

      try (DockerEngine engine = DockerEngine.connect(played.host(), Map.of())) {
        EngineFacts facts = EngineFacts.of(engine);

        assertThat(facts.engineVersion()).isEqualTo("20.10.24+dfsg1");
        assertThat(facts.swarmRole()).isEqualTo(SwarmRole.STANDALONE);
        assertThat(played.asked()).doesNotContain("GET /info");
      }
    }
  }

  @Test
  void aWorkerIsToldByTheRefusalOfSwarm() {
    try (PlayedEngine played = new PlayedEngine()) {
      played
          .answer("/version", 200, "{\"Version\":\"20.10.24\"}")
          .answer(
              "/swarm",
              503,
              "{\"message\":\"This node is not a swarm manager. Worker nodes can't be used to view or modify"
                  + " cluster state. Please run this command on a manager node or promote the current node"
                  + " to a manager.\"}");

      try (DockerEngine engine = DockerEngine.connect(played.host(), Map.of())) {
        assertThat(EngineFacts.of(engine).swarmRole()).isEqualTo(SwarmRole.WORKER);
      }
    }
  }
}
