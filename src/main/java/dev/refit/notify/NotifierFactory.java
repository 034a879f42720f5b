package dev.refit.notify;

import dev.refit.http.client.OriginClient;
import java.util.Map;

/** Builds the notifier a {@link NotifierSettings} describes (already validated by the loader). */
final class NotifierFactory {
  private NotifierFactory() {}

  static Notifier create(NotifierSettings s, OriginClient http, Map<String, String> environment) {
    HttpDelivery delivery = new HttpDelivery(http);
    return switch (s.type()) {
      case SCRIPT -> new ScriptNotifier(s.name(), s.command(), s.timeout(), environment);
      case WEBHOOK -> new WebhookNotifier(s.name(), s.url(), s.headers(), s.timeout(), delivery);
      case SLACK -> new ChatNotifier(s.name(), ChatNotifier.Service.SLACK, s.url(), s.timeout(), delivery);
      case DISCORD -> new ChatNotifier(s.name(), ChatNotifier.Service.DISCORD, s.url(), s.timeout(), delivery);
      case TEAMS -> new ChatNotifier(s.name(), ChatNotifier.Service.TEAMS, s.url(), s.timeout(), delivery);
      case NTFY -> new NtfyNotifier(s.name(), s.url(), s.token(), s.priority(), s.timeout(), delivery);
      case GOTIFY -> new GotifyNotifier(s.name(), s.url(), s.token(), s.priority(), s.timeout(), delivery);
      case EMAIL -> new EmailNotifier(s.name(), s.mail(), s.timeout());
    };
  }
}
