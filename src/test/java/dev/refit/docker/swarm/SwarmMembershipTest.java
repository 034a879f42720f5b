package dev.refit.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwarmMembershipTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The engine's own words (moby daemon/cluster/errors.go) when GET /swarm is asked of a non-manager. */
  @Test
  void tellsANodeOutsideASwarmAndAWorkerFromTheRefusalOfSwarm() {
    assertThat(SwarmMembership.fromRefusal(503, "This node is not part of a swarm"))
        .contains(SwarmMembership.NONE);
    // what engine 20.10 outside any swarm answers (FleetEnginesIT's standalone engine)
    assertThat(SwarmMembership.fromRefusal(503,
        "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect"
            + " this node to swarm and try again.")).contains(SwarmMembership.NONE);
    assertThat(SwarmMembership.fromRefusal(503,
        "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state."
            + " Please run this command on a manager node or promote the current node to a manager."))
        .contains(SwarmMembership.WORKER);
    // settled by /info instead: a manager being prepared, a locked swarm, a manager that lost its
    // quorum, a proxy's refusal
    assertThat(SwarmMembership.fromRefusal(503,
        "This node is not a swarm manager. Manager is being prepared or has trouble connecting to the"
            + " cluster.")).isEmpty();
    assertThat(SwarmMembership.fromRefusal(503,
        "Swarm is encrypted and needs to be unlocked before it can be used. Please use \"docker swarm unlock\""
            + " to unlock it.")).isEmpty();
    assertThat(SwarmMembership.fromRefusal(503,
        "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers"
            + " are online.")).isEmpty();
    assertThat(SwarmMembership.fromRefusal(403, "<html><body><h1>403 Forbidden</h1></body></html>")).isEmpty();
    assertThat(SwarmMembership.fromRefusal(503, null)).isEqualTo(Optional.empty());
  }

  /** From GET /info's Swarm object (Engine API 1.41, SwarmInfo). */
  @Test
  void readsTheMembershipFromInfo() throws Exception {
    assertThat(fromInfo("{\"NodeID\":\"n1\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}"))
        .isEqualTo(SwarmMembership.MANAGER);
    assertThat(fromInfo("{\"NodeID\":\"n2\",\"LocalNodeState\":\"active\",\"ControlAvailable\":false}"))
        .isEqualTo(SwarmMembership.WORKER);
    assertThat(fromInfo("{\"NodeID\":\"\",\"LocalNodeState\":\"inactive\",\"ControlAvailable\":false}"))
        .isEqualTo(SwarmMembership.NONE);
    assertThat(fromInfo("{\"LocalNodeState\":\"pending\"}")).isEqualTo(SwarmMembership.NONE);
    assertThat(SwarmMembership.fromInfo(JSON.createObjectNode().path("Swarm"))).isEqualTo(SwarmMembership.NONE);
  }

  private static SwarmMembership fromInfo(String swarm) throws Exception {
    return SwarmMembership.fromInfo(JSON.readTree("{\"Swarm\":" + swarm + "}").path("Swarm"));
  }
}
