package dev.refit.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Docker Engine API as raw JSON. Service specs travel through here untouched: a typed model
 * would drop every field it does not know, and Refit must send a spec back exactly as it read it
 * with only the image changed. Requests are unversioned, so the engine answers in its own (newest)
 * API version. Headers are never logged: {@code X-Registry-Auth} carries credentials.
 */
public final class EngineApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String host;
  private final DockerHttpClient http;

  public EngineApi(String host, DockerHttpClient http) {
    this.host = host;
    this.http = http;
  }

  /** The engine address, for messages. */
  public String host() {
    return host;
  }

  /**
   * {@code GET path} as JSON.
   *
   * @param what what is being asked, for the error message: {@code "inspect service web"}
   * @throws DockerEngineException naming {@code what}, the engine and its answer
   */
  public JsonNode get(String path, String what) {
    return json(execute(request(Request.Method.GET, path, Map.of(), null), what), what);
  }

  /** {@code POST path} with a JSON body (or none) and extra headers; the answer as JSON. */
  public JsonNode post(String path, JsonNode body, Map<String, String> headers, String what) {
    return json(execute(request(Request.Method.POST, path, headers, body), what), what);
  }

  /** {@code DELETE path}. */
  public void delete(String path, String what) {
    execute(request(Request.Method.DELETE, path, Map.of(), null), what);
  }

  /** {@code GET path} as bytes, for streams such as logs. */
  public byte[] getBytes(String path, String what) {
    return execute(request(Request.Method.GET, path, Map.of(), null), what);
  }

  /** A query parameter value, percent-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A {@code filters} parameter: {@code {"name": ["value"]}}, encoded. */
  public static String filter(String name, String value) {
    return encode(JSON.createObjectNode().set(name, JSON.createArrayNode().add(value)).toString());
  }

  private static Request request(
      Request.Method method, String path, Map<String, String> headers, JsonNode body) {
    Request.Builder builder = Request.builder().method(method).path(path).putAllHeaders(headers);
    if (body != null) {
      builder
          .putHeader("Content-Type", "application/json")
          .bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private byte[] execute(Request request, String what) {
    try (DockerHttpClient.Response response = http.execute(request);
        InputStream body = response.getBody()) {
      byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        throw new DockerEngineException(
            "cannot " + what + " on " + host + ": " + engineMessage(status, bytes), status);
      }
      return bytes;
    } catch (IOException | UncheckedIOException e) {
      throw new DockerEngineException(
          "cannot " + what + " on " + host + ": the engine did not answer (" + e.getMessage() + ")",
          e);
    } catch (RuntimeException e) {
      if (e instanceof DockerEngineException) {
        throw e;
      }
      throw new DockerEngineException(
          "cannot " + what + " on " + host + ": " + e.getMessage(), e);
    }
  }

  /** The engine's own words ({@code {"message": "..."}}) with the status, else the status alone. */
  private static String engineMessage(int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && node.hasNonNull("message")) {
        text = node.get("message").asText();
      }
    } catch (JsonProcessingException notJson) {
      // keep the raw text
    }
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    return "HTTP " + status + (text.isEmpty() ? "" : " " + text);
  }

  private JsonNode json(byte[] bytes, String what) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new DockerEngineException(
          "cannot " + what + " on " + host + ": the answer is not JSON (" + e.getMessage() + ")",
          e);
    }
  }
}
