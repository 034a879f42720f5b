package dev.refit.server.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What arrived at {@code POST /webhooks/<kind>}.
 *
 * @param kind the URL's kind
 * @param pathToken the secret given as {@code /webhooks/<kind>/<token>}, or {@code null}
 * @param headers request headers; names are matched without regard to case
 * @param body the raw bytes, as signed by senders that sign
 */
public record WebhookRequest(String kind, String pathToken, Map<String, String> headers, byte[] body) {
  public WebhookRequest {
    Map<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    insensitive.putAll(headers);
    headers = insensitive;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
