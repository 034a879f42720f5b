package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.EngineApi;
import java.util.Map;

/**
 * A service as the engine described it at one moment ({@code GET /services/{id}}): its spec as raw
 * JSON, every field kept, and the version to send back with an update.
 *
 * @param id the service id
 * @param version {@code Version.Index}: an update must name it, so that Swarm refuses an update
 *     based on a spec someone else has changed meanwhile
 * @param spec {@code Spec}, exactly as read
 * @param previousSpec {@code PreviousSpec}, what a rollback returns to, or {@code null}
 * @param updateStatus {@code UpdateStatus}, or {@code null} when the service was never updated
 */
public record ServiceSnapshot(
    String id, long version, ObjectNode spec, ObjectNode previousSpec, UpdateStatus updateStatus) {

  public ServiceSnapshot {
    spec = spec.deepCopy();
    previousSpec = previousSpec == null ? null : previousSpec.deepCopy();
  }

  /** Reads the answer of {@code GET /services/{id}}. */
  public static ServiceSnapshot from(JsonNode service) {
    JsonNode spec = service.path("Spec");
    JsonNode previous = service.path("PreviousSpec");
    return new ServiceSnapshot(
        service.path("ID").asText(),
        service.path("Version").path("Index").asLong(),
        spec.isObject() ? (ObjectNode) spec : JsonNodeFactory.instance.objectNode(),
        previous.isObject() ? (ObjectNode) previous : null,
        UpdateStatus.from(service.path("UpdateStatus")));
  }

  /** A copy of the spec, free to edit. */
  @Override
  public ObjectNode spec() {
    return spec.deepCopy();
  }

  @Override
  public ObjectNode previousSpec() {
    return previousSpec == null ? null : previousSpec.deepCopy();
  }

  public String name() {
    return spec.path("Name").asText(id);
  }

  /** {@code TaskTemplate.ContainerSpec.Image}: the image every task runs. */
  public String image() {
    return imageOf(spec);
  }

  /** The image of {@code PreviousSpec}, or {@code null}. */
  public String previousImage() {
    return previousSpec == null ? null : imageOf(previousSpec);
  }

  public Map<String, String> labels() {
    return EngineApi.strings(spec.path("Labels"));
  }

  public ServiceMode mode() {
    return ServiceMode.of(spec);
  }

  /** The desired replicas of a replicated service; 0 for other modes. */
  public long replicas() {
    return spec.path("Mode").path("Replicated").path("Replicas").asLong(mode() == ServiceMode.REPLICATED ? 1 : 0);
  }

  /** The image of any service spec. */
  public static String imageOf(JsonNode spec) {
    return spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText(null);
  }
}
