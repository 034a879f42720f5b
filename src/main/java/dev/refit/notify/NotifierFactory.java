package dev.refit.notify;

import dev.refit.notify.NotifierSettings;
import java.net.http.HttpClient;
import java.util.Map;

/** Builds the notifier a {@link NotifierSettings} describes (already validated by the loader). */
final class NotifierFactory {
  private NotifierFactory() {}

  static Notifier create(NotifierSettings s, HttpClient http, Map<String, String> environment) {
    HttpDelivery delivery = new HttpDelivery(http);
    return switch (s.type()) {
      case "script" -> new ScriptNotifier(s.name(), s.command(), s.timeout(), environment);
      case "webhook" -> new WebhookNotifier(s.name(), s.url(), s.headers(), s.timeout(), delivery);
      case "slack" -> new ChatNotifier(s.name(), ChatNotifier.Service.SLACK, s.url(), s.timeout(), delivery);
      case "discord" -> new ChatNotifier(s.name(), ChatNotifier.Service.DISCORD, s.url(), s.timeout(), delivery);
      case "teams" -> new ChatNotifier(s.name(), ChatNotifier.Service.TEAMS, s.url(), s.timeout(), delivery);
      case "ntfy" -> new NtfyNotifier(s.name(), s.url(), s.token(), s.priority(), s.timeout(), delivery);
      case "gotify" -> new GotifyNotifier(s.name(), s.url(), s.token(), s.priority(), s.timeout(), delivery);
      case "email" -> new EmailNotifier(s.name(), s.mail(), s.timeout());
      default -> throw new IllegalArgumentException("unknown notifier type " + s.type());
    };
  }
}
