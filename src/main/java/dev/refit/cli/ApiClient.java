package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.agent.ConnectFailure;
import dev.refit.http.client.Answer;
import dev.refit.http.client.HttpsLayer;
import dev.refit.http.client.OriginClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The few lines a client command needs to call a running {@code refit serve}: the base URL, the
 * API token, JSON in and out, and one-line errors (the API's own {@code error} text).
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  // Reports and histories are JSON of a few MB at most; this only guards against a wrong --server.
  private static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;

  private final URI base;
  private final String token;
  private final OriginClient http;

  private ApiClient(URI base, String token, @Nullable SSLContext ssl) {
    this.base = base;
    this.token = token;
    this.http =
        ssl == null
            ? OriginClient.create(CONNECT_TIMEOUT, 1)
            : new OriginClient(CONNECT_TIMEOUT, 1, () -> new HttpsLayer(ssl));
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    headers.put("Accept", "application/json");
    try {
      byte[] bytes = null;
      if (body != null) {
        headers.put("Content-Type", "application/json");
        bytes = JSON.writeValueAsBytes(body);
      }
      Answer answer =
          http.send(method, URI.create(base + path), headers, bytes, TIMEOUT, MAX_ANSWER_BYTES);
      String text = new String(answer.body(), StandardCharsets.UTF_8);
      JsonNode json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      if (answer.status() >= 400) {
        String error = json.path("error").asText("HTTP " + answer.status());
        throw new IllegalArgumentException(base + ": " + error);
      }
      return json;
    } catch (IOException e) {
      if (ConnectFailure.isTls(e)) {
        // the JDK's words for an unknown CA or a wrong name say little; say what to do instead
        throw new IllegalArgumentException("cannot reach the Refit server at " + base + ": " + ConnectFailure.describe(e));
      }
      throw new IllegalArgumentException("cannot reach the Refit server at " + base + " (" + e.getMessage() + ")");
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
