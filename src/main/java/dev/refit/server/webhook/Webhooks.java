package dev.refit.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.check.WantedImage;
import dev.refit.config.WebhookSettings;
import dev.refit.image.ImageName;
import dev.refit.image.InvalidReferenceException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /**
   * Where accepted deploy hooks go: targets running the repository that opted in with {@code
   * refit.deploy-hook=true} move to exactly the tag; the others are re-checked by their policy.
   */
  @FunctionalInterface
  public interface Deploy {
    void deploy(ImageName image, WantedImage.Tag tag, String trigger);
  }

  /**
   * What an accepted webhook asked for.
   *
   * @param images the repositories re-checked (or deployed to)
   * @param deployTag the tag the deploy hook asked opted-in targets to run, or {@code null}
   * @param note what the sender should know (a tag that was not trusted), or {@code null}
   */
  public record Answer(Set<ImageName> images, @Nullable String deployTag, @Nullable String note) {
    public Answer {
      images = Set.copyOf(images);
    }
  }

  /** What the history and logs call a deploy hook's cycle. */
  public static final String DEPLOY_TRIGGER = "webhook:deploy";

  private final WebhookSecrets secrets;
  private final Recheck recheck;
  private final @Nullable Deploy deploy;
  private final RecentDeliveries deliveries;

  public Webhooks(WebhookSettings settings, Recheck recheck) {
    this(settings, recheck, null, Clock.systemUTC());
  }

  /** @param clock for how long a GitHub delivery id counts as seen */
  public Webhooks(WebhookSettings settings, Recheck recheck, Clock clock) {
    this(settings, recheck, null, clock);
  }

  /** @param deploy where deploy hooks go, or {@code null} to refuse them */
  public Webhooks(WebhookSettings settings, Recheck recheck, @Nullable Deploy deploy, Clock clock) {
    this.secrets = new WebhookSecrets(settings);
    this.recheck = recheck;
    this.deploy = deploy;
    this.deliveries = new RecentDeliveries(clock);
  }

  /**
   * @return the repositories a re-check was asked for (empty for events Refit ignores, and for a
   *     GitHub delivery already handled)
   * @throws WebhookRejected 404 for an unknown kind, 401 without the secret, 400 for a bad body
   */
  public Set<ImageName> handle(WebhookRequest request) {
    return receive(request).images();
  }

  /**
   * As {@link #handle}, and a generic webhook carrying the deploy hook's own secret ({@code
   * webhooks.deploy.secret}) with {@code {"image": ..., "tag": ...}} deploys exactly that tag to
   * the targets that opted in. Without that secret a payload's tag is never trusted.
   *
   * @throws WebhookRejected 404 for an unknown kind, 401 without the secret, 400 for a bad body
   */
  public Answer receive(WebhookRequest request) {
    WebhookParser parser = PARSERS.get(request.kind());
    if (parser == null) {
      throw new WebhookRejected(
          404, "unknown webhook kind '" + request.kind() + "'; known: " + String.join(", ", WebhookSettings.KINDS));
    }
    boolean generic = request.kind().equals("generic");
    if (deploy != null && generic && secrets.carriesDeploySecret(request)) {
      JsonNode body = parse(request.body());
      if (body.has("tag")) {
        DeployOrder order = DeployOrder.read(body);
        deploy.deploy(order.image(), order.tag(), DEPLOY_TRIGGER);
        return new Answer(Set.of(order.image()), order.tag().tag(), null);
      }
    }
    secrets.verify(request);
    // only after the signature: an unsigned request must not be able to mark an id as seen
    String delivery = request.header("X-GitHub-Delivery");
    if (delivery != null && !delivery.isBlank() && !deliveries.first(request.kind() + ":" + delivery.trim())) {
      return new Answer(Set.of(), null, null);
    }
    Set<ImageName> images;
    JsonNode body = parse(request.body());
    String note =
        generic && body.has("tag")
            ? "the tag is only trusted with the deploy hook's secret (webhooks.deploy.secret); re-checked by policy"
            : null;
    try {
      images = parser.images(body, request);
    } catch (InvalidReferenceException e) {
      throw new WebhookRejected(400, e.getMessage());
    }
    if (!images.isEmpty()) {
      recheck.recheck(images, "webhook:" + request.kind());
    }
    return new Answer(images, null, note);
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
