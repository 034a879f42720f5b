package dev.refit.hostjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.docker.swarm.SwarmNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementConstraintTest {
  private static final SwarmNode NODE =
      new SwarmNode("n1", "edge-7", "worker", "ready", "active", Map.of("zone", "Lab"),
          Map.of("gpu", "no"), "linux", "x86_64");

  @Test
  void parsesBothOperators() {
    assertThat(PlacementConstraint.parse(" node.role == manager "))
        .isEqualTo(new PlacementConstraint("node.role", true, "manager"));
    assertThat(PlacementConstraint.parse("node.labels.zone!=lab"))
        .isEqualTo(new PlacementConstraint("node.labels.zone", false, "lab"));
    assertThat(PlacementConstraint.parse("node.labels.zone!=lab").toString()).isEqualTo("node.labels.zone!=lab");
  }

  @Test
  void refusesWhatIsNotAConstraint() {
    assertThatThrownBy(() -> PlacementConstraint.parse("node.role=manager"))
        .hasMessage(
            "--constraint 'node.role=manager' must look like KEY==VALUE or KEY!=VALUE,"
                + " e.g. node.role==worker or node.labels.zone!=lab");
    assertThatThrownBy(() -> PlacementConstraint.parse("==x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesAsSwarmDoes() {
    assertThat(PlacementConstraint.parse("node.role==worker").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("node.role==manager").matches(NODE)).contains(false);
    assertThat(PlacementConstraint.parse("node.hostname==EDGE-7").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("node.id!=n1").matches(NODE)).contains(false);
    assertThat(PlacementConstraint.parse("node.labels.zone==lab").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("node.labels.rack==").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("node.labels.rack!=a1").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("engine.labels.gpu==yes").matches(NODE)).contains(false);
    assertThat(PlacementConstraint.parse("node.platform.arch==amd64").matches(NODE)).contains(true);
    assertThat(PlacementConstraint.parse("node.platform.os==windows").matches(NODE)).contains(false);
    assertThat(PlacementConstraint.parse("node.ip==10.0.0.1").matches(NODE)).isEqualTo(Optional.empty());
  }
}
