package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** Anything that can send JSON: {@code {"image": "ghcr.io/acme/web"}} or {@code {"images": [...]}}. */
final class GenericParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    Set<ImageName> names = new LinkedHashSet<>();
    JsonNode image = body.path("image");
    if (image.isTextual()) {
      names.add(ImageName.parse(image.asText()));
    }
    for (JsonNode each : body.path("images")) {
      if (!each.isTextual()) {
        throw new WebhookRejected(400, "images must be a list of image names");
      }
      names.add(ImageName.parse(each.asText()));
    }
    if (names.isEmpty()) {
      throw new WebhookRejected(400, "expected {\"image\": \"<name>\"} or {\"images\": [...]}");
    }
    return names;
  }
}
