package dev.refit.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageName;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The distribution registry's own notifications: an envelope of events, of which only manifest
 * (or image index) pushes with a tag matter (a push also sends one event per blob, and pulls arrive too). The
 * registry host comes from the event's {@code target.url}, else from {@code request.host}.
 */
final class DistributionParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    JsonNode events = body.path("events");
    if (!events.isArray()) {
      throw new WebhookRejected(400, "not a distribution notification: events is missing");
    }
    Set<ImageName> names = new LinkedHashSet<>();
    for (JsonNode event : events) {
      JsonNode target = event.path("target");
      if (!"push".equals(event.path("action").asText())
          || target.path("tag").asText("").isEmpty()
          || !isManifest(target.path("mediaType").asText(""))) {
        continue;
      }
      String repository = target.path("repository").asText("");
      String host = host(event);
      if (repository.isEmpty() || host == null) {
        throw new WebhookRejected(400, "distribution push event without repository or host");
      }
      names.add(ImageName.parse(host + "/" + repository));
    }
    return names;
  }

  /**
   * A manifest of any kind: Docker v2 and lists, OCI manifests, and OCI image indexes, which
   * buildx pushes for multi-platform images and attestations.
   */
  private static boolean isManifest(String mediaType) {
    return mediaType.contains("manifest") || mediaType.equals("application/vnd.oci.image.index.v1+json");
  }

  private static String host(JsonNode event) {
    String url = event.path("target").path("url").asText("");
    if (!url.isEmpty()) {
      try {
        String authority = URI.create(url).getRawAuthority();
        if (authority != null) {
          return authority;
        }
      } catch (IllegalArgumentException ignored) {
        // fall back to the request's host
      }
    }
    String host = event.path("request").path("host").asText("");
    return host.isEmpty() ? null : host;
  }
}
