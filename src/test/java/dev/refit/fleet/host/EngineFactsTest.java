package dev.refit.fleet.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.protocol.SwarmRole;
import org.junit.jupiter.api.Test;

/** The Swarm role from {@code GET /info}'s {@code Swarm} object (Engine API 1.41, SwarmInfo). */
class EngineFactsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SwarmRole role(String swarm) throws Exception {
    return EngineFacts.role(JSON.readTree("{\"Swarm\":" + swarm + "}").path("Swarm"));
  }

  @Test
  void aManagerControlsTheSwarm() throws Exception {
    assertThat(role("{\"NodeID\":\"n1\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}"))
        .isEqualTo(SwarmRole.MANAGER);
  }

  @Test
  void aWorkerIsActiveWithoutControl() throws Exception {
    assertThat(role("{\"NodeID\":\"n2\",\"LocalNodeState\":\"active\",\"ControlAvailable\":false}"))
        .isEqualTo(SwarmRole.WORKER);
  }

  @Test
  void anEngineOutsideASwarmIsStandalone() throws Exception {
    assertThat(role("{\"NodeID\":\"\",\"LocalNodeState\":\"inactive\",\"ControlAvailable\":false}"))
        .isEqualTo(SwarmRole.STANDALONE);
    assertThat(role("{\"LocalNodeState\":\"pending\"}")).isEqualTo(SwarmRole.STANDALONE);
    assertThat(EngineFacts.role(JSON.createObjectNode().path("Swarm"))).isEqualTo(SwarmRole.STANDALONE);
  }
}
