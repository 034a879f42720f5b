package dev.refit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A single-node swarm on the test engine: {@link #init} makes the engine a manager (listening on a
 * free loopback port, with its own VXLAN port so that a second test environment on the same host
 * can have a swarm too), {@link #close()} leaves it again, removing every service.
 *
 * <p>Talks raw JSON to the engine, as Refit's service code does, so that tests can build and
 * compare specs field by field. Services created here carry the label {@value
 * ContainerFixture#TEST_LABEL}{@code =true}.
 */
public final class SwarmFixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerHttpClient http;

  private SwarmFixture(DockerHttpClient http) {
    this.http = http;
  }

  /** Initialises a swarm on the test engine, leaving any earlier one first. */
  public static SwarmFixture init(TestEnvironment env) {
    SwarmFixture swarm = new SwarmFixture(env.dockerHttpClient());
    if (!"inactive".equals(swarm.get("/info").path("Swarm").path("LocalNodeState").asText())) {
      swarm.leave();
    }
    ObjectNode request = JSON.createObjectNode();
    request.put("ListenAddr", "127.0.0.1:" + Ports.freeLoopbackPort());
    request.put("AdvertiseAddr", "127.0.0.1");
    request.put("DataPathPort", freeUdpPort());
    // Tasks keep little history: tests count tasks, and old ones are noise.
    request.putObject("Spec").putObject("Orchestration").put("TaskHistoryRetentionLimit", 2);
    swarm.send("POST", "/swarm/init", request, Map.of());
    return swarm;
  }

  /** Creates a service from a raw spec, adding the test label; returns its id. */
  public String createService(ObjectNode spec) {
    return createService(spec, Map.of());
  }

  /** As {@link #createService(ObjectNode)}, with extra request headers such as X-Registry-Auth. */
  public String createService(ObjectNode spec, Map<String, String> headers) {
    ObjectNode copy = spec.deepCopy();
    JsonNode labels = copy.path("Labels");
    (labels.isObject() ? (ObjectNode) labels : copy.putObject("Labels"))
        .put(ContainerFixture.TEST_LABEL, "true");
    return send("POST", "/services/create", copy, headers).path("ID").asText();
  }

  /** {@code GET /services/{id}} as JSON. */
  public JsonNode service(String idOrName) {
    return get("/services/" + encode(idOrName));
  }

  /** The service's spec, exactly as the engine holds it. */
  public ObjectNode spec(String idOrName) {
    return (ObjectNode) service(idOrName).path("Spec");
  }

  /** Sends a changed spec back at the service's current version (an update by "someone else"). */
  public void update(String idOrName, ObjectNode spec) {
    long version = service(idOrName).path("Version").path("Index").asLong();
    send("POST", "/services/" + encode(idOrName) + "/update?version=" + version, spec, Map.of());
  }

  /** The service's tasks as JSON. */
  public List<JsonNode> tasks(String serviceId) {
    String filter = encode("{\"service\":[\"" + serviceId + "\"]}");
    List<JsonNode> tasks = new ArrayList<>();
    get("/tasks?filters=" + filter).forEach(tasks::add);
    return tasks;
  }

  /** Names of all services. */
  public List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    get("/services").forEach(s -> names.add(s.path("Spec").path("Name").asText()));
    return names;
  }

  /** Waits until {@code count} tasks of the service run the spec's image (and are healthy). */
  public void awaitRunning(String serviceId, int count, Duration timeout) {
    String image = spec(serviceId).path("TaskTemplate").path("ContainerSpec").path("Image").asText();
    await(
        "service " + serviceId + " to run " + count + " task(s) of " + image,
        timeout,
        () ->
            tasks(serviceId).stream()
                    .filter(t -> "running".equals(t.path("Status").path("State").asText()))
                    .filter(t -> "running".equals(t.path("DesiredState").asText()))
                    .filter(
                        t ->
                            image.equals(
                                t.path("Spec").path("ContainerSpec").path("Image").asText()))
                    .count()
                == count);
  }

  /** The container id of the running task of a one-replica service. */
  public String runningContainer(String serviceId) {
    return tasks(serviceId).stream()
        .filter(t -> "running".equals(t.path("Status").path("State").asText()))
        .filter(t -> "running".equals(t.path("DesiredState").asText()))
        .map(t -> t.path("Status").path("ContainerStatus").path("ContainerID").asText())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no running task of " + serviceId));
  }

  /** Removes every service (tasks stop with them). */
  public void removeServices() {
    for (JsonNode service : get("/services")) {
      send("DELETE", "/services/" + service.path("ID").asText(), null, Map.of());
    }
  }

  /** Leaves the swarm (forcefully: it is the last manager). */
  public void leave() {
    send("POST", "/swarm/leave?force=true", null, Map.of());
  }

  /** Removes the services, leaves the swarm and closes the connection. */
  @Override
  public void close() {
    try {
      removeServices();
      leave();
    } finally {
      try {
        http.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void await(String what, Duration timeout, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Waits until the JSON of the service satisfies the condition. */
  public JsonNode awaitService(String id, Duration timeout, Predicate<JsonNode> condition) {
    await("service " + id, timeout, () -> condition.test(service(id)));
    return service(id);
  }

  private JsonNode get(String path) {
    return send("GET", path, null, Map.of());
  }

  private JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) {
    DockerHttpClient.Request.Builder request =
        DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
    headers.forEach(request::putHeader);
    if (body != null) {
      request
          .putHeader("Content-Type", "application/json")
          .bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
    }
    try (DockerHttpClient.Response response = http.execute(request.build());
        InputStream in = response.getBody()) {
      byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
      if (response.getStatusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.getStatusCode() + ": "
                + new String(bytes, StandardCharsets.UTF_8));
      }
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A UDP port below 49152 (Swarm's limit for the data path port) that nothing uses now. */
  private static int freeUdpPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + ThreadLocalRandom.current().nextInt(29000);
      try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getByName("0.0.0.0"))) {
        return port;
      } catch (SocketException | java.net.UnknownHostException busy) {
        // try another
      }
    }
    throw new IllegalStateException("no free UDP port for the swarm's data path");
  }
}
