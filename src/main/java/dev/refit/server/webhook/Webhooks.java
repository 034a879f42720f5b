package dev.refit.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.config.WebhookSettings;
import dev.refit.image.ImageName;
import dev.refit.image.InvalidReferenceException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Handles {@code POST /webhooks/<kind>}: secret first (a request without it changes nothing), then
 * the body, then a re-check of exactly the repositories the body names.
 */
public final class Webhooks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, WebhookParser> PARSERS =
      Map.of(
          "dockerhub", new DockerHubParser(),
          "ghcr", new GhcrParser(),
          "quay", new QuayParser(),
          "harbor", new HarborParser(),
          "distribution", new DistributionParser(),
          "generic", new GenericParser());

  /** Where accepted webhooks go: the daemon's re-check of the named repositories. */
  @FunctionalInterface
  public interface Recheck {
    void recheck(Set<ImageName> images, String trigger);
  }

  private final WebhookSecrets secrets;
  private final Recheck recheck;
  private final RecentDeliveries deliveries;

  public Webhooks(WebhookSettings settings, Recheck recheck) {
    this(settings, recheck, Clock.systemUTC());
  }

  /** @param clock for how long a GitHub delivery id counts as seen */
  public Webhooks(WebhookSettings settings, Recheck recheck, Clock clock) {
    this.secrets = new WebhookSecrets(settings);
    this.recheck = recheck;
    this.deliveries = new RecentDeliveries(clock);
  }

  /**
   * @return the repositories a re-check was asked for (empty for events Refit ignores, and for a
   *     GitHub delivery already handled)
   * @throws WebhookRejected 404 for an unknown kind, 401 without the secret, 400 for a bad body
   */
  public Set<ImageName> handle(WebhookRequest request) {
    WebhookParser parser = PARSERS.get(request.kind());
    if (parser == null) {
      throw new WebhookRejected(
          404, "unknown webhook kind '" + request.kind() + "'; known: " + String.join(", ", WebhookSettings.KINDS));
    }
    secrets.verify(request);
    // only after the signature: an unsigned request must not be able to mark an id as seen
    String delivery = request.header("X-GitHub-Delivery");
    if (delivery != null && !delivery.isBlank() && !deliveries.first(request.kind() + ":" + delivery.trim())) {
      return Set.of();
    }
    Set<ImageName> images;
    try {
      images = parser.images(parse(request.body()), request);
    } catch (InvalidReferenceException e) {
      throw new WebhookRejected(400, e.getMessage());
    }
    if (!images.isEmpty()) {
      recheck.recheck(images, "webhook:" + request.kind());
    }
    return images;
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new WebhookRejected(400, "the body is empty; expected JSON");
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new WebhookRejected(400, "the body is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new WebhookRejected(
          400, "the body is not valid JSON (line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new WebhookRejected(400, "the body cannot be read");
    }
  }
}
