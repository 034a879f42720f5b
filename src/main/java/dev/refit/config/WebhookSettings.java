package dev.refit.config;

import dev.refit.settings.Secrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets for {@code POST /webhooks/<kind>}: one for all kinds, or one per kind. A kind without a
 * secret refuses every request.
 *
 * @param secret used by every kind without its own, or {@code null}
 * @param secrets per kind ({@link #KINDS}), and the deploy hook's own ({@link #DEPLOY}); never
 *     printed
 */
public record WebhookSettings(String secret, Map<String, String> secrets) {
  /** The webhook kinds Refit understands, as they appear in the URL and the configuration. */
  public static final List<String> KINDS =
      List.of("dockerhub", "ghcr", "quay", "harbor", "distribution", "generic");

  /**
   * The key of the deploy hook's secret ({@code webhooks.deploy.secret}): a generic webhook that
   * carries it may set the exact tag of targets labelled {@code refit.deploy-hook=true}. It never
   * falls back to {@code webhooks.secret}: trusting a payload's tag takes a secret of its own.
   */
  public static final String DEPLOY = "deploy";

  public WebhookSettings {
    secrets = Map.copyOf(secrets);
  }

  public static WebhookSettings defaults() {
    return new WebhookSettings(null, Map.of());
  }

  /** The secret a request to this kind must carry, or {@code null} when none is configured. */
  public String secretFor(String kind) {
    return secrets.getOrDefault(kind, secret);
  }

  /** The deploy hook's secret, or {@code null} when the deploy hook is off. */
  public String deploySecret() {
    return secrets.get(DEPLOY);
  }

  @Override
  public String toString() {
    Map<String, String> masked = new TreeMap<>();
    secrets.forEach((k, v) -> masked.put(k, Secrets.MASK));
    return "WebhookSettings[secret=" + Secrets.mask(secret) + ", secrets=" + masked + "]";
  }
}
