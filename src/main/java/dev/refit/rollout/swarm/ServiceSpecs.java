package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of a raw service spec. Each returns a changed copy and leaves every other field alone. */
final class ServiceSpecs {
  private ServiceSpecs() {}

  /** The spec with {@code TaskTemplate.ContainerSpec.Image} set to {@code image}, nothing else. */
  static ObjectNode withImage(ObjectNode spec, String image) {
    ObjectNode copy = spec.deepCopy();
    JsonNode template = copy.path("TaskTemplate");
    if (!template.isObject() || !template.path("ContainerSpec").isObject()) {
      throw new IllegalArgumentException(
          "service " + spec.path("Name").asText() + " has no container spec (a plugin service?)");
    }
    ((ObjectNode) template.path("ContainerSpec")).put("Image", image);
    return copy;
  }
}
