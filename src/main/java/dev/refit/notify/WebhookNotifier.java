package dev.refit.notify;

import java.time.Duration;
import java.util.Map;

/** The generic webhook: the whole event as JSON ({@link EventJson}), with the rendered text in {@code text}. */
final class WebhookNotifier implements Notifier {
  private final String name;
  private final String url;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpDelivery http;

  WebhookNotifier(String name, String url, Map<String, String> headers, Duration timeout, HttpDelivery http) {
    this.name = name;
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification, String text) {
    http.post(name, url, "application/json", EventJson.write(EventJson.of(notification, text)), headers, timeout);
  }
}
