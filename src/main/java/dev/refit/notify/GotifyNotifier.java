package dev.refit.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/** Gotify: {@code POST <server>/message} with the application token in {@code X-Gotify-Key}. */
final class GotifyNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String messageUrl;
  private final String token;
  private final int priority;
  private final Duration timeout;
  private final HttpDelivery http;

  GotifyNotifier(String name, String serverUrl, String token, String priority, Duration timeout, HttpDelivery http) {
    this.name = name;
    this.messageUrl = serverUrl.replaceAll("/+$", "") + "/message";
    this.token = token;
    this.priority = parsePriority(priority);
    this.timeout = timeout;
    this.http = http;
  }

  private static int parsePriority(String text) {
    if (text == null) {
      return 5;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 5;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification, String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", notification.title() + ": " + notification.targetName());
    body.put("message", text);
    body.put("priority", priority);
    http.post(name, messageUrl, "application/json", EventJson.write(body), Map.of("X-Gotify-Key", token), timeout);
  }
}
