package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SafeDefaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode spec(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  @Test
  void fillsEverythingIntoASpecWithoutUpdateConfig() throws Exception {
    ObjectNode spec = spec("{\"Name\":\"web\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"x\"}}}");

    SafeDefaults.Applied applied = SafeDefaults.apply(spec);

    assertThat(applied.spec().path("UpdateConfig").toString())
        .isEqualTo("{\"Order\":\"start-first\",\"FailureAction\":\"rollback\",\"Parallelism\":1}");
    assertThat(applied.changes())
        .containsExactly("order=start-first", "failure_action=rollback", "parallelism=1");
    assertThat(spec.has("UpdateConfig")).as("the input is left alone").isFalse();
  }

  @Test
  void treatsTheDefaultsTheDockerCliWritesAsUnset() throws Exception {
    ObjectNode spec =
        spec(
            "{\"UpdateConfig\":{\"Parallelism\":1,\"FailureAction\":\"pause\",\"Monitor\":5000000000,"
                + "\"MaxFailureRatio\":0,\"Order\":\"stop-first\"}}");

    SafeDefaults.Applied applied = SafeDefaults.apply(spec);

    assertThat(applied.spec().path("UpdateConfig").toString())
        .isEqualTo(
            "{\"Parallelism\":1,\"FailureAction\":\"rollback\",\"Monitor\":5000000000,"
                + "\"MaxFailureRatio\":0,\"Order\":\"start-first\"}");
    assertThat(applied.changes()).containsExactly("order=start-first", "failure_action=rollback");
  }

  @Test
  void keepsWhatTheUserChose() throws Exception {
    ObjectNode spec =
        spec(
            "{\"UpdateConfig\":{\"Parallelism\":3,\"FailureAction\":\"continue\",\"Monitor\":30000000000,"
                + "\"Order\":\"start-first\"}}");

    SafeDefaults.Applied applied = SafeDefaults.apply(spec);

    assertThat(applied.spec()).isEqualTo(spec);
    assertThat(applied.changes()).isEmpty();
  }

  @Test
  void monitorCoversTheHealthcheckStartPeriod() throws Exception {
    ObjectNode spec =
        spec(
            "{\"TaskTemplate\":{\"ContainerSpec\":{\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],"
                + "\"StartPeriod\":40000000000}}},"
                + "\"UpdateConfig\":{\"Parallelism\":1,\"FailureAction\":\"rollback\",\"Monitor\":10000000000,"
                + "\"Order\":\"start-first\"}}");

    SafeDefaults.Applied applied = SafeDefaults.apply(spec);

    assertThat(applied.spec().path("UpdateConfig").path("Monitor").asLong()).isEqualTo(40_000_000_000L);
    assertThat(applied.changes()).containsExactly("monitor=40s (healthcheck start period)");
  }

  @Test
  void keepsStopFirstWhenTasksPublishHostPorts() throws Exception {
    ObjectNode spec =
        spec(
            "{\"EndpointSpec\":{\"Ports\":[{\"TargetPort\":80,\"PublishedPort\":8080,"
                + "\"PublishMode\":\"host\"}]},\"UpdateConfig\":{\"Order\":\"stop-first\"}}");

    SafeDefaults.Applied applied = SafeDefaults.apply(spec);

    assertThat(applied.spec().path("UpdateConfig").path("Order").asText()).isEqualTo("stop-first");
    assertThat(applied.changes()).doesNotContain("order=start-first");
  }

  @Test
  void theLabelAsksForThem() {
    assertThat(SafeDefaults.requestedBy(java.util.Map.of("refit.swarm.safe", "true"))).isTrue();
    assertThat(SafeDefaults.requestedBy(java.util.Map.of("refit.swarm.safe", " Off "))).isFalse();
    assertThat(SafeDefaults.requestedBy(java.util.Map.of())).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SafeDefaults.requestedBy(java.util.Map.of("refit.swarm.safe", "maybe")))
        .hasMessage("label refit.swarm.safe='maybe' must be true or false");
  }
}
