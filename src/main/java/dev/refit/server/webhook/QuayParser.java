package dev.refit.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageName;
import java.util.Set;

/** Quay's repository push notification: {@code docker_url}, with {@code updated_tags} (a list, or an object in older Quay). */
final class QuayParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    String url = WebhookParser.required(body, "docker_url", "Quay").asText();
    // updated_tags is a list of tags; older Quay versions sent an object of tag to image id
    JsonNode tags = body.path("updated_tags");
    if (!tags.isArray() && !tags.isObject()) {
      throw new WebhookRejected(400, "not a Quay repository push payload: updated_tags is missing");
    }
    return Set.of(ImageName.parse(url));
  }
}
