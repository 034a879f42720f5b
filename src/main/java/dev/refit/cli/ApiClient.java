package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.agent.ConnectFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The few lines a client command needs to call a running {@code refit serve}: the base URL, the
 * API token, JSON in and out, and one-line errors (the API's own {@code error} text).
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http;

  private ApiClient(URI base, String token, @Nullable SSLContext ssl) {
    this.base = base;
    this.token = token;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  /**
   * @param server {@code --server}, else {@code $REFIT_SERVER}, else this host's {@code serve.port}
   * @param ssl trusts the server's certificate ({@code --ca-file}), or null for the JDK's CAs
   */
  static ApiClient of(String server, Map<String, String> environment, int localPort, @Nullable SSLContext ssl) {
    String url = server != null ? server : environment.get("REFIT_SERVER");
    if (url == null || url.isBlank()) {
      url = "http://127.0.0.1:" + localPort;
    }
    String token = environment.get("REFIT_TOKEN");
    if (token == null || token.isBlank()) {
      token = environment.get("REFIT_API_TOKEN");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "set REFIT_TOKEN to the server's API token (serve.token) to call " + url);
    }
    return new ApiClient(URI.create(url.replaceAll("/+$", "")), token.trim(), ssl);
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode call(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
      if (answer.statusCode() >= 400) {
        String error = json.path("error").asText("HTTP " + answer.statusCode());
        throw new IllegalArgumentException(base + ": " + error);
      }
      return json;
    } catch (IOException e) {
      if (ConnectFailure.isTls(e)) {
        // the JDK's words for an unknown CA or a wrong name say little; say what to do instead
        throw new IllegalArgumentException("cannot reach the Refit server at " + base + ": " + ConnectFailure.describe(e));
      }
      throw new IllegalArgumentException("cannot reach the Refit server at " + base + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
