package dev.refit.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageName;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Harbor's {@code PUSH_ARTIFACT} event, in its default format or as a CloudEvent
 * ({@code harbor.artifact.pushed}): {@code event_data.resources[].resource_url} carries
 * Harbor's host; other event types (pull, delete, scan) change nothing.
 */
final class HarborParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    String type = WebhookParser.required(body, "type", "Harbor").asText();
    // Harbor 2.8+ can send CloudEvents instead: the same event data under "data", with types such
    // as harbor.artifact.pushed
    boolean cloudEvent = body.has("specversion");
    if (cloudEvent
        ? !type.equalsIgnoreCase("harbor.artifact.pushed")
        : !type.equalsIgnoreCase("PUSH_ARTIFACT") && !type.equalsIgnoreCase("pushImage")) {
      return Set.of();
    }
    String data = cloudEvent ? "data" : "event_data";
    JsonNode resources = WebhookParser.required(body, data + ".resources", "Harbor");
    String fullName = WebhookParser.required(body, data + ".repository.repo_full_name", "Harbor").asText();
    Set<ImageName> names = new LinkedHashSet<>();
    for (JsonNode resource : resources) {
      String url = resource.path("resource_url").asText("");
      if (url.isBlank()) {
        throw new WebhookRejected(400, "not a Harbor payload: " + data + ".resources[].resource_url is missing");
      }
      // resource_url is <harbor-host>/<repo_full_name>:<tag> or @<digest>; take the host from it
      String host = url.substring(0, url.indexOf('/') < 0 ? url.length() : url.indexOf('/'));
      names.add(ImageName.parse(host.toLowerCase(Locale.ROOT) + "/" + fullName));
    }
    if (names.isEmpty()) {
      throw new WebhookRejected(400, "Harbor payload names no resources");
    }
    return names;
  }
}
