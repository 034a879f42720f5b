package dev.refit.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.check.WantedImage;
import dev.refit.image.ImageName;
import dev.refit.image.InvalidReferenceException;

/**
 * The deploy hook's body: {@code {"image": "registry/repo", "tag": "42"}}, optionally with {@code
 * "allowDowngrade": true} (CI redeploying an older build on purpose).
 */
record DeployOrder(ImageName image, WantedImage.Tag tag) {
  private static final String EXAMPLE = "{\"image\": \"registry.example/app\", \"tag\": \"42\"}";

  /** @throws WebhookRejected 400 naming what is missing or wrong */
  static DeployOrder read(JsonNode body) {
    JsonNode image = body.path("image");
    JsonNode tag = body.path("tag");
    if (!image.isTextual() || image.asText().isBlank()) {
      throw new WebhookRejected(400, "a deploy hook names the image: " + EXAMPLE);
    }
    if (!tag.isTextual() || tag.asText().isBlank()) {
      throw new WebhookRejected(400, "a deploy hook names the tag to deploy: " + EXAMPLE);
    }
    JsonNode allow = body.path("allowDowngrade");
    if (!allow.isMissingNode() && !allow.isBoolean()) {
      throw new WebhookRejected(400, "allowDowngrade must be true or false");
    }
    try {
      return new DeployOrder(
          ImageName.parse(image.asText()), new WantedImage.Tag(tag.asText().trim(), allow.asBoolean(false)));
    } catch (InvalidReferenceException e) {
      throw new WebhookRejected(400, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new WebhookRejected(400, "tag: " + e.getMessage());
    }
  }
}
