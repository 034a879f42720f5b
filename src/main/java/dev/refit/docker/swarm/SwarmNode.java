package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.EngineApi;
import java.util.Map;

/**
 * One node of the swarm, as {@code GET /nodes} describes it.
 *
 * @param id the node id
 * @param hostname the node's host name
 * @param role {@code manager} or {@code worker}
 * @param state {@code ready}, {@code down}, {@code unknown} or {@code disconnected}
 * @param availability {@code active}, {@code pause} or {@code drain}
 * @param labels the node labels ({@code node.labels.*} in constraints)
 * @param engineLabels the engine labels ({@code engine.labels.*})
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code x86_64}
 */
public record SwarmNode(
    String id,
    String hostname,
    String role,
    String state,
    String availability,
    Map<String, String> labels,
    Map<String, String> engineLabels,
    String os,
    String architecture) {

  public SwarmNode {
    labels = Map.copyOf(labels);
    engineLabels = Map.copyOf(engineLabels);
  }

  static SwarmNode from(JsonNode node) {
    JsonNode description = node.path("Description");
    return new SwarmNode(
        node.path("ID").asText(),
        description.path("Hostname").asText(""),
        node.path("Spec").path("Role").asText(""),
        node.path("Status").path("State").asText(""),
        node.path("Spec").path("Availability").asText(""),
        EngineApi.strings(node.path("Spec").path("Labels")),
        EngineApi.strings(description.path("Engine").path("Labels")),
        description.path("Platform").path("OS").asText(""),
        description.path("Platform").path("Architecture").asText(""));
  }


  public boolean isReady() {
    return "ready".equals(state);
  }

  /** Whether Swarm schedules new tasks on it ({@code pause} and {@code drain} nodes get none). */
  public boolean isActive() {
    return "active".equals(availability);
  }

  /** The host name, or the id when the node has none. */
  public String displayName() {
    return hostname.isEmpty() ? id : hostname;
  }
}
