package dev.refit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's client of a running server's REST API ({@code refit campaign ...}): JSON in and out,
 * the server's {@code {"error": ...}} turned into one line. The token travels only in the
 * Authorization header and never appears in a message.
 */
final class ServerApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final @Nullable String token;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ServerApi(String server, @Nullable String token) {
    String url = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("--server " + server + " is not an http:// or https:// URL");
    }
    this.base = URI.create(url);
    this.token = token == null || token.isBlank() ? null : token.trim();
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, @Nullable JsonNode body) {
    return send("POST", path, body);
  }

  private JsonNode send(String method, String path, @Nullable JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach the server at " + base + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while asking " + base);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (response.statusCode() / 100 != 2) {
      String why = answer != null && answer.path("error").isTextual() ? answer.path("error").asText() : "HTTP " + response.statusCode();
      throw new IllegalArgumentException(
          "the server at " + base + " refused " + method + " " + path + ": " + why
              + (response.statusCode() == 401 ? " (set REFIT_API_TOKEN)" : ""));
    }
    if (answer == null) {
      throw new IllegalArgumentException("the server at " + base + " answered " + path + " with something other than JSON");
    }
    return answer;
  }
}
