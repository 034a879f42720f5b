package dev.refit.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Docker Engine API as plain JSON. Inspect and create go through here rather than through
 * docker-java's models: those know a fixed set of fields, and a container recreated from them would
 * silently lose whatever the engine added since. Requests are unversioned, so the engine answers in
 * its own API version.
 *
 * <p>Errors are docker-java's exceptions ({@link NotFoundException}, {@link ConflictException},
 * ...), carrying the engine's own message, so callers catch one family whichever way they asked.
 */
public final class EngineApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttpClient http;

  EngineApi(DockerHttpClient http) {
    this.http = http;
  }

  /** {@code GET /containers/{id}/json}. */
  public JsonNode inspectContainer(String idOrName) {
    return get("/containers/" + encode(idOrName) + "/json");
  }

  /** The container's inspect, or empty when no container has that id or name. */
  public Optional<JsonNode> findContainer(String idOrName) {
    try {
      return Optional.of(inspectContainer(idOrName));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** {@code GET /images/{name}/json}. */
  public JsonNode inspectImage(String idOrReference) {
    return get("/images/" + idOrReference + "/json");
  }

  /** {@code POST /containers/create?name=}; returns the new container's id. */
  public String createContainer(String name, JsonNode body) {
    return send("POST", "/containers/create?name=" + encode(name), body).path("Id").asText();
  }

  /** {@code POST /networks/{network}/connect} with an endpoint configuration. */
  public void connectNetwork(String network, String containerId, JsonNode endpointConfig) {
    var body = JSON.createObjectNode();
    body.put("Container", containerId);
    body.set("EndpointConfig", endpointConfig);
    send("POST", "/networks/" + encode(network) + "/connect", body);
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  /**
   * Sends one request and returns the JSON answer ({@link MissingNode} for an empty body).
   *
   * @throws DockerException (a subclass per status) with the engine's message
   */
  public JsonNode send(String method, String path, JsonNode body) {
    DockerHttpClient.Request.Builder request =
        DockerHttpClient.Request.builder().method(method).path(path);
    if (body != null) {
      try {
        request.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serialise a request to the engine", e);
      }
    }
    try (DockerHttpClient.Response response = http.execute(request.build());
        InputStream in = response.getBody()) {
      byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
      int status = response.getStatusCode();
      if (status >= 200 && status < 300) {
        return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
      }
      throw error(method, path, status, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static DockerException error(String method, String path, int status, byte[] bytes) {
    String message = new String(bytes, StandardCharsets.UTF_8).strip();
    try {
      JsonNode answer = JSON.readTree(bytes);
      if (answer != null && answer.hasNonNull("message")) {
        message = answer.get("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw text
    }
    if (message.isEmpty()) {
      message = method + " " + path + " answered " + status;
    }
    return switch (status) {
      case 304 -> new NotModifiedException(message);
      case 400 -> new BadRequestException(message);
      case 404 -> new NotFoundException(message);
      case 409 -> new ConflictException(message);
      case 500 -> new InternalServerErrorException(message);
      default -> new DockerException(message, status);
    };
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
