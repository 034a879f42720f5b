package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Reads one registry's webhook body: which repositories it names. */
interface WebhookParser {
  /**
   * @return the repositories to re-check; empty when the event is valid but about nothing Refit
   *     acts on (a pull, a deletion, a blob, a ping)
   * @throws WebhookRejected 400 with the reason when the body is not what this kind sends
   */
  Set<ImageName> images(JsonNode body, WebhookRequest request);

  static JsonNode required(JsonNode node, String path, String kind) {
    JsonNode current = node;
    for (String part : path.split("\\.")) {
      current = current.path(part);
    }
    if (current.isMissingNode() || current.isNull() || (current.isValueNode() && current.asText().isBlank())) {
      throw new WebhookRejected(400, "not a " + kind + " payload: " + path + " is missing");
    }
    return current;
  }
}
