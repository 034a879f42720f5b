package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which container starts trigger a check: every one but Refit's own self-update helper. */
class DockerEventsTriggerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A start event as Engine 20.10 (API 1.41) writes it on {@code GET /events}. */
  private static JsonNode start(String attributes) throws Exception {
    return JSON.readTree(
        "{\"status\":\"start\",\"id\":\"c0ffee\",\"from\":\"refit:1.0.2\",\"Type\":\"container\","
            + "\"Action\":\"start\",\"Actor\":{\"ID\":\"c0ffee\",\"Attributes\":" + attributes + "},"
            + "\"scope\":\"local\",\"time\":1700000000,\"timeNano\":1700000000000000000}");
  }

  @Test
  void theSelfUpdateHelpersStartTriggersNoCycle() throws Exception {
    assertThat(DockerEventsTrigger.refitHelper(
            start("{\"image\":\"refit:1.0.2\",\"name\":\"agent-e1-refit-helper\",\"refit.helper\":\"true\"}")))
        .isTrue();
  }

  @Test
  void anyOtherContainersStartDoes() throws Exception {
    assertThat(DockerEventsTrigger.refitHelper(start("{\"name\":\"web\",\"refit.enable\":\"true\"}"))).isFalse();
    assertThat(DockerEventsTrigger.refitHelper(
            JSON.readTree("{\"status\":\"start\",\"id\":\"c0ffee\",\"from\":\"app\",\"time\":1}")))
        .isFalse();
  }
}
