package dev.refit.notify;

import dev.refit.settings.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One configured notifier. Which fields matter depends on {@code type}; the loader checks that
 * each type has what it needs.
 *
 * @param name the key the user gave it, e.g. {@code ops-slack}
 * @param type which kind of notifier
 * @param events the events it is told about
 * @param template its message text
 * @param url where the webhook kinds post to (Slack/Discord/Teams incoming webhook, ntfy topic
 *     URL, Gotify server, generic webhook)
 * @param headers extra HTTP headers (generic webhook), values never printed
 * @param token ntfy access token or Gotify application token, never printed
 * @param command the script and its arguments
 * @param timeout how long one delivery may take
 * @param priority ntfy or Gotify priority, or {@code null}
 * @param mail the SMTP settings, for {@code email}
 */
public record NotifierSettings(
    String name,
    NotifierType type,
    Set<EventType> events,
    MessageTemplate template,
    String url,
    Map<String, String> headers,
    String token,
    List<String> command,
    Duration timeout,
    String priority,
    MailSettings mail) {
  public NotifierSettings {
    events = Set.copyOf(events);
    headers = Map.copyOf(headers);
    command = List.copyOf(command);
  }

  @Override
  public String toString() {
    Map<String, String> maskedHeaders = new TreeMap<>();
    headers.forEach((k, v) -> maskedHeaders.put(k, Secrets.MASK));
    return "NotifierSettings[name=" + name + ", type=" + type + ", events=" + events
        + ", url=" + Secrets.mask(url) + ", headers=" + maskedHeaders + ", token="
        + Secrets.mask(token) + ", command=" + command + ", mail=" + mail + "]";
  }
}
