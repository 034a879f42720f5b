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
 * @param secrets per kind ({@link #KINDS}), never printed
 */
public record WebhookSettings(String secret, Map<String, String> secrets) {
  /** The webhook kinds Refit understands, as they appear in the URL and the configuration. */
  public static final List<String> KINDS =
      List.of("dockerhub", "ghcr", "quay", "harbor", "distribution", "generic");

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

  @Override
  public String toString() {
    Map<String, String> masked = new TreeMap<>();
    secrets.forEach((k, v) -> masked.put(k, Secrets.MASK));
    return "WebhookSettings[secret=" + Secrets.mask(secret) + ", secrets=" + masked + "]";
  }
}
