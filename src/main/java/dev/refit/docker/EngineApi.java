package dev.refit.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.refit.docker.http.EngineHttp;
import dev.refit.docker.http.EngineResponse;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Docker Engine API as plain JSON. Inspect and create go through here rather than through
 * typed models: those know a fixed set of fields, and a container recreated from them would
 * silently lose whatever the engine added since. Requests are unversioned, so the engine answers in
 * its own API version.
 *
 * <p>An error status becomes an {@link EngineApiException} carrying the status and the engine's
 * own message; a transport failure an {@link UncheckedIOException}. All HTTP of Refit's main code
 * goes through this class: callers never see the transport.
 */
public final class EngineApi {
  private static final String NO_DIGEST = "<none>@<none>";

  /**
   * How long a request may wait for the engine before it counts as hung: long, since a container
   * stop waits out its stop timeout and an image delete can take a while. Streams wait for ever
   * and are bounded by their callers ({@link TimedRead}).
   */
  private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

  private final EngineHttp http;

  /**
   * Writes request bodies. In a holder of its own, made on the first write: a {@code refit check}
   * only reads, and an ObjectMapper is slow to set up (see {@link JsonTrees}).
   */
  private static final class Writer {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  EngineApi(EngineHttp http) {
    this.http = http;
  }

  /** {@code GET /containers/{id}/json}. */
  public JsonNode inspectContainer(String idOrName) {
    return get("/containers/" + encode(idOrName) + "/json");
  }

  /** The container's inspect, or empty when no container has that id or name. */
  public Optional<JsonNode> findContainer(String idOrName) {
    return find("/containers/" + encode(idOrName) + "/json");
  }

  /** {@code GET /images/{name}/json}. */
  public JsonNode inspectImage(String idOrReference) {
    return get(imagePath(idOrReference));
  }

  /** The image's inspect, or empty when the engine has no such image. */
  public Optional<JsonNode> findImage(String idOrReference) {
    return find(imagePath(idOrReference));
  }

  /** A reference's slashes and colons are part of the path, as the engine routes it. */
  private static String imagePath(String idOrReference) {
    return "/images/" + idOrReference + "/json";
  }

  /** {@code GET path}, or empty when the engine answers 404 (no such container, image, volume). */
  public Optional<JsonNode> find(String path) {
    try {
      return Optional.of(get(path));
    } catch (EngineApiException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A request on something that may be gone already, such as a removal: 404 counts as done. */
  public void sendUnlessGone(String method, String path) {
    try {
      send(method, path, null);
    } catch (EngineApiException e) {
      if (!e.notFound()) {
        throw e;
      }
    }
  }

  /** {@code POST /containers/create?name=}; returns the new container's id. */
  public String createContainer(String name, JsonNode body) {
    return send("POST", "/containers/create?name=" + encode(name), body).path("Id").asText();
  }

  /** {@code POST /networks/{network}/connect} with an endpoint configuration. */
  public void connectNetwork(String network, String containerId, JsonNode endpointConfig) {
    var body = JsonNodeFactory.instance.objectNode();
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
   * @throws EngineApiException with the status and the engine's message
   */
  public JsonNode send(String method, String path, @Nullable JsonNode body) {
    return send(method, path, body, Map.of());
  }

  /**
   * As {@link #send(String, String, JsonNode)}, with extra request headers such as {@code
   * X-Registry-Auth}. Headers are never logged nor put in messages: they may carry credentials.
   */
  public JsonNode send(String method, String path, @Nullable JsonNode body, Map<String, String> headers) {
    byte[] bytes = exchange(method, path, body, headers);
    try {
      return JsonTrees.read(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " answered no JSON: " + e.getMessage(), e);
    }
  }

  /**
   * {@code GET /images/json}: the repo digests of every image, by image id. One request for a
   * whole host instead of one inspect per image (a cold {@code refit check} over 50 images spent
   * ~150 ms on those); read as a stream that keeps only the two fields, since a host that builds
   * may hold thousands of images.
   */
  public Map<String, List<String>> imageRepoDigests() {
    // digests=1: what the API documents as asking for RepoDigests; engines that list them anyway
    // (20.10 does) ignore it
    return repoDigestsByImage(getBytes("/images/json?digests=1"));
  }

  /** The {@code Id} and {@code RepoDigests} of each entry of an image list, nothing else kept. */
  static Map<String, List<String>> repoDigestsByImage(byte[] list) {
    Map<String, List<String>> digests = new HashMap<>();
    try (JsonParser parser = JsonTrees.parser(list)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("not a list");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        List<String> repoDigests = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("Id".equals(field) && value == JsonToken.VALUE_STRING) {
            id = parser.getText();
          } else if ("RepoDigests".equals(field) && value == JsonToken.START_ARRAY) {
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
              // engines before API 1.43 list an untagged image's digests as "<none>@<none>"
              if (!NO_DIGEST.equals(parser.getText())) {
                repoDigests.add(parser.getText());
              }
            }
          } else {
            parser.skipChildren();
          }
        }
        if (id != null) {
          digests.put(id, repoDigests);
        }
      }
    } catch (IOException e) {
      // Jackson's own message runs on with the source's location on further lines
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new UncheckedIOException(
          "GET /images/json answered no image list: " + String.valueOf(why).replaceAll("\\s+", " "), e);
    }
    return digests;
  }

  /** {@code GET path}, the answer as bytes: for streams such as logs. */
  public byte[] getBytes(String path) {
    return exchange("GET", path, null, Map.of());
  }

  /**
   * Sends one request and returns the answer's body as it arrives: events, pull progress, logs,
   * exec output. The caller reads and closes it (closing early abandons the connection). Logs and
   * exec output of a container without a TTY come multiplexed: see {@link StdStreams}.
   *
   * @throws EngineApiException when the engine answers with an error status (before any body)
   */
  public InputStream stream(
      String method, String path, @Nullable JsonNode body, Map<String, String> headers) {
    EngineResponse response = execute(method, path, body, headers, Duration.ZERO);
    try {
      int status = response.status();
      if (status < 200 || status >= 300) {
        byte[] bytes;
        try (InputStream in = response.body()) {
          bytes = in.readAllBytes();
        }
        throw error(method, path, status, bytes);
      }
      return response.body();
    } catch (IOException e) {
      closeQuietly(response);
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(response);
      throw e;
    }
  }

  private byte[] exchange(
      String method, String path, @Nullable JsonNode body, Map<String, String> headers) {
    try (EngineResponse response = execute(method, path, body, headers, ANSWER_TIMEOUT)) {
      byte[] bytes = response.body().readAllBytes();
      int status = response.status();
      if (status < 200 || status >= 300) {
        throw error(method, path, status, bytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  private EngineResponse execute(
      String method, String path, @Nullable JsonNode body, Map<String, String> headers, Duration timeout) {
    byte[] bytes = null;
    Map<String, String> sent = headers;
    if (body != null) {
      try {
        bytes = Writer.JSON.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serialise a request to the engine", e);
      }
      sent = new LinkedHashMap<>(headers);
      sent.put("Content-Type", "application/json");
    }
    try {
      return http.exchange(method, path, sent, bytes, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(EngineResponse response) {
    try {
      response.close();
    } catch (IOException ignored) {
      // the connection is dropped either way
    }
  }

  private static EngineApiException error(String method, String path, int status, byte[] bytes) {
    String message = new String(bytes, StandardCharsets.UTF_8).strip();
    try {
      JsonNode answer = JsonTrees.read(bytes);
      if (answer.hasNonNull("message")) {
        message = answer.get("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw text
    }
    if (message.isEmpty()) {
      message = method + " " + path + " answered " + status;
    }
    return new EngineApiException(status, message);
  }

  /**
   * A JSON object of strings as the engine writes labels and similar maps ({@code Labels}, a
   * node's {@code Labels}), in the engine's order; empty for a missing or null field.
   */
  public static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** A query parameter value, percent-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
