package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Tiny blocking HTTP calls for the tests: fixtures, and Refit's own API in the ITs. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  static HttpResponse<String> send(String method, String url, Map<String, String> headers) {
    return send(method, url, headers, Duration.ofSeconds(10));
  }

  public static HttpResponse<String> send(
      String method, String url, Map<String, String> headers, Duration timeout) {
    return send(method, url, headers, null, timeout);
  }

  /** A POST with a JSON body, e.g. a webhook or an API order; may wait for a whole cycle. */
  public static HttpResponse<String> post(String url, Map<String, String> headers, String json) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send("POST", url, all, json, Duration.ofMinutes(2));
  }

  private static HttpResponse<String> send(
      String method, String url, Map<String, String> headers, String body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** HEAD of a manifest with all four manifest types accepted. */
  static HttpResponse<String> headManifest(String baseUrl, String repository, String reference,
      Map<String, String> extraHeaders) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
    headers.put("Accept", TestImages.MANIFEST_ACCEPT);
    return send("HEAD", baseUrl + "/v2/" + repository + "/manifests/" + reference, headers);
  }
}
