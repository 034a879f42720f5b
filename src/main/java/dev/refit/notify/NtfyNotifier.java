package dev.refit.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** ntfy: the text as the body of a POST to the topic URL, title and priority as headers. */
final class NtfyNotifier implements Notifier {
  private final String name;
  private final String topicUrl;
  private final String token;
  private final String priority;
  private final Duration timeout;
  private final HttpDelivery http;

  NtfyNotifier(String name, String topicUrl, String token, String priority, Duration timeout, HttpDelivery http) {
    this.name = name;
    this.topicUrl = topicUrl;
    this.token = token;
    this.priority = priority;
    this.timeout = timeout;
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification, String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Title", notification.title() + ": " + notification.targetName());
    headers.put("Tags", tag(notification.type()));
    if (priority != null) {
      headers.put("Priority", priority);
    }
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    http.post(name, topicUrl, "text/plain; charset=utf-8", text, headers, timeout);
  }

  private static String tag(EventType type) {
    return switch (type) {
      case UPDATE_AVAILABLE -> "package";
      case APPLIED -> "white_check_mark";
      case FAILED -> "x";
      case ROLLED_BACK -> "leftwards_arrow_with_hook";
    };
  }
}
