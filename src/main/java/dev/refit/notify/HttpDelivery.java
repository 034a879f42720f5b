package dev.refit.notify;

import dev.refit.http.client.Answer;
import dev.refit.http.client.OriginClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * POSTs one body and treats anything but 2xx as a failure named by the notifier, never by URL.
 * Follows redirects as browsers do (never from https to http; 307/308 repeat the POST, the others
 * turn it into a GET), at most {@value #MAX_REDIRECTS}.
 */
final class HttpDelivery {
  private static final int MAX_REDIRECTS = 5;
  // A receiver's answer is read for its error text only.
  private static final long MAX_ANSWER_BYTES = 1024 * 1024;

  private final OriginClient http;

  HttpDelivery(OriginClient http) {
    this.http = http;
  }

  void post(String notifier, String url, String contentType, String body, Map<String, String> headers, Duration timeout) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", contentType);
    all.put("User-Agent", "refit");
    all.putAll(headers);
    URI uri = URI.create(url);
    String method = "POST";
    byte @Nullable [] bytes = body.getBytes(StandardCharsets.UTF_8);
    Answer answer;
    try {
      for (int redirects = 0; ; redirects++) {
        answer = http.send(method, uri, all, bytes, timeout, MAX_ANSWER_BYTES);
        String location = answer.headers().first("location").orElse(null);
        int status = answer.status();
        if (location == null || status / 100 != 3 || redirects == MAX_REDIRECTS) {
          break;
        }
        URI next = uri.resolve(location);
        if ("https".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
          break;
        }
        if (status != 307 && status != 308) {
          method = "GET";
          bytes = null;
          all.remove("Content-Type");
        }
        uri = next;
      }
    } catch (IOException | IllegalArgumentException e) {
      // The innermost failure: the outer ones name the request's path and query, which for a
      // chat webhook hold its secret.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new NotifyException(
          "notifier '" + notifier + "' could not deliver: " + root.getClass().getSimpleName()
              + (root.getMessage() == null || root == e && e instanceof IllegalArgumentException
                  ? ""
                  : " " + root.getMessage()));
    }
    if (answer.status() / 100 != 2) {
      String reason = new String(answer.body(), StandardCharsets.UTF_8).strip();
      if (reason.length() > 200) {
        reason = reason.substring(0, 200) + "...";
      }
      throw new NotifyException(
          "notifier '" + notifier + "' was answered HTTP " + answer.status()
              + (reason.isEmpty() ? "" : ": " + reason.replace('\n', ' ')));
    }
  }
}
