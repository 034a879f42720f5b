package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Quay's repository push notification: {@code docker_url}, with {@code updated_tags}. */
final class QuayParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    String url = WebhookParser.required(body, "docker_url", "Quay").asText();
    if (!body.path("updated_tags").isArray()) {
      throw new WebhookRejected(400, "not a Quay repository push payload: updated_tags is missing");
    }
    return Set.of(ImageName.parse(url));
  }
}
