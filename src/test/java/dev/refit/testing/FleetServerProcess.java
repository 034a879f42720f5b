package dev.refit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code refit serve --no-local} from the project's jar (target/refit.jar), plain HTTP on a loopback
 * port, as the fleet server of agents that run in containers on the test's engines (which share the
 * host's network namespace, so {@code --network host} reaches it). Its API is called with the admin
 * token; its log is kept for a failing test's message.
 */
public final class FleetServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "fleet-server-process-token-0123456789";

  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Process process;

  private FleetServerProcess(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts it with its state in {@code dir} and waits until it answers.
   *
   * @param environment more settings, e.g. {@code REFIT_FLEET_HEARTBEAT}
   */
  public static FleetServerProcess start(Path dir, String dockerHost, Map<String, String> environment) {
    int port = Ports.freeLoopbackPort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-jar", "target/refit.jar", "serve", "--no-local", "--address", "127.0.0.1",
                "--port", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    Map<String, String> e = pb.environment();
    e.put("REFIT_API_TOKEN", TOKEN);
    e.put("REFIT_STATE_DIR", dir.resolve("server-state").toString());
    e.put("REFIT_SCHEDULE", "off");
    e.put("DOCKER_HOST", dockerHost);
    e.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    e.putAll(environment);
    FleetServerProcess server;
    try {
      Files.createDirectories(dir.resolve("server-state"));
      Process process = pb.start();
      // a test JVM ended early (Ctrl-C, a killed fork) takes its server along
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      server = new FleetServerProcess(dir, port, process);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    server.awaitUp();
    return server;
  }

  private void awaitUp() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("refit serve exited:\n" + log());
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (IOException notYet) {
        sleep();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
    }
    throw new AssertionError("refit serve did not answer within 60 s:\n" + log());
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(200);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code http://127.0.0.1:PORT}, as agents give it to {@code --server}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Calls the API as the admin; fails the test unless it answers 2xx. */
  public JsonNode api(String method, String path, String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() < 200 || r.statusCode() > 299) {
        throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A new join token, valid for 10 minutes. */
  public String joinToken() {
    return api("POST", "/api/fleet/join-tokens", "{\"ttl\": \"10m\"}").path("token").asText();
  }

  /** The environment {@code name} as {@code /api/fleet/environments} lists it. */
  public Optional<JsonNode> environment(String name) {
    return find(api("GET", "/api/fleet/environments", null).path("environments"), name);
  }

  /** Starts a campaign from its JSON; returns its id. */
  public String campaign(String json) {
    return api("POST", "/api/campaigns", json).path("id").asText();
  }

  public JsonNode campaignState(String id) {
    return api("GET", "/api/campaigns/" + id, null);
  }

  /** The element of a JSON array whose {@code name} is {@code name}. */
  public static Optional<JsonNode> find(JsonNode array, String name) {
    for (JsonNode e : array) {
      if (e.path("name").asText().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The server's log, its last {@code lines} lines. */
  public String log(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
