package dev.refit.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs one body and treats anything but 2xx as a failure named by the notifier, never by URL. */
final class HttpDelivery {
  private final HttpClient http;

  HttpDelivery(HttpClient http) {
    this.http = http;
  }

  void post(String notifier, String url, String contentType, String body, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("User-Agent", "refit")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new NotifyException(
          "notifier '" + notifier + "' could not deliver: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotifyException("notifier '" + notifier + "' was interrupted");
    }
    if (answer.statusCode() / 100 != 2) {
      String reason = answer.body() == null ? "" : answer.body().strip();
      if (reason.length() > 200) {
        reason = reason.substring(0, 200) + "...";
      }
      throw new NotifyException(
          "notifier '" + notifier + "' was answered HTTP " + answer.statusCode()
              + (reason.isEmpty() ? "" : ": " + reason.replace('\n', ' ')));
    }
  }
}
