package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.testing.Http;
import dev.refit.testing.RefitImage;
import dev.refit.testing.RegistryCredentials;
import dev.refit.testing.SwarmFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The edge-device seed scenario on the test Swarm: {@code docker stack deploy} of deploy/stack.yml
 * and deploy/examples/edge-stack.yml as shipped (the override only adds the host network, ports and
 * shorter timings), a private registry that wants a password, its credentials only in the mounted
 * config.json. Refit updates the app service after a push; then it updates its own service: Swarm
 * replaces its task and the new Refit records the rollout; a broken Refit image is rolled back by
 * Swarm and the Refit that comes back records that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {
  private static final String STACK = "edge";
  private static final String TOKEN = "stack-it-token-0b7e";
  private static final RegistryCredentials CREDENTIALS = new RegistryCredentials("edge", "edge-secret");

  private static UpdateTestbed bed;
  private static SwarmFixture swarm;
  private static Path dir;
  private static int port;

  @BeforeAll
  static void deploy() throws Exception {
    bed = new UpdateTestbed("stack-it", CREDENTIALS);
    RefitImage image = RefitImage.get();
    dir = bed.dir;
    port = ImageIT.freePort();
    int appPort = ImageIT.freePort();
    Path config = Files.createDirectories(dir.resolve("docker-config")).resolve("config.json");
    String auth = Base64.getEncoder().encodeToString(
        (CREDENTIALS.username() + ":" + CREDENTIALS.password()).getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\": {\"" + bed.registry.address() + "\": {\"auth\": \"" + auth + "\"}}}\n");
    Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.writeString(dir.resolve("override.yml"), """
        version: "3.8"
        services:
          refit:
            networks: [hostnet]
            environment:
              REFIT_SERVE_PORT: "%d"
              REFIT_SCHEDULE: "off"
              REFIT_DOCKER_EVENTS: "false"
              REFIT_OPT_IN: "true"
            healthcheck:
              test: ["CMD", "/opt/refit/bin/healthcheck"]
              interval: 2s
              retries: 3
            deploy:
              update_config:
                monitor: 20s
          app:
            networks: [hostnet]
            command: ["httpd", "-f", "-p", "127.0.0.1:%d", "-h", "/www"]
            healthcheck:
              interval: 1s
              start_period: 5s
            deploy:
              update_config:
                # start-first runs two tasks at once: on the host network they cannot share a port
                order: stop-first
                monitor: 3s
        networks:
          hostnet:
            external: true
            name: host
        """.formatted(port, appPort));
    SelfUpdateIT.docker(dir, "tag", image.reference(), bed.image("refit:1.0.0"));
    SelfUpdateIT.docker(dir, "push", bed.image("refit:1.0.0"));
    bed.publish("app:1.0.0", "LABEL v=1.0.0");
    swarm = SwarmFixture.init(UpdateTestbed.ENV);
    stack(Map.of("APP_PORT", String.valueOf(appPort)), "deploy", "--with-registry-auth",
        "-c", "deploy/stack.yml", "-c", "deploy/examples/edge-stack.yml", "-c", dir.resolve("override.yml").toString(),
        STACK);
    awaitApi(Duration.ofSeconds(150));
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      stack(Map.of(), "rm", STACK);
    } catch (AssertionError | RuntimeException ignored) {
      // the swarm goes anyway
    }
    if (swarm != null) {
      swarm.close();
    }
    bed.close();
  }

  @Test
  @Order(1)
  void refitUpdatesTheAppServiceAfterAPushWithTheMountedCredentials() throws Exception {
    bed.publish("app:1.0.1", "LABEL v=1.0.1");
    bed.forget("app:1.0.1");
    // the summary may be of a cycle this request was merged into: the service and history tell
    check(true);
    JsonNode app = swarm.awaitService(STACK + "_app", Duration.ofSeconds(90),
        s -> image(s).startsWith(bed.image("app:1.0.1") + "@")
            && s.path("UpdateStatus").path("State").asText().equals("completed"));
    assertThat(app.path("Spec").path("Labels").path("refit.enable").asText()).isEqualTo("true");
    assertThat(historyEntry(e -> e.toString().contains("app:1.0.1"))).isPresent();
  }

  @Test
  @Order(2)
  void refitUpdatesItsOwnServiceAndTheNewTaskRecordsIt() throws Exception {
    SelfUpdateIT.derive(dir, bed, "refit:1.0.1", "LABEL org.opencontainers.image.version=1.0.1");
    check(false);
    swarm.awaitService(STACK + "_refit", Duration.ofSeconds(150),
        s -> image(s).startsWith(bed.image("refit:1.0.1") + "@")
            && s.path("UpdateStatus").path("State").asText().equals("completed"));
    awaitApi(Duration.ofSeconds(90));
    JsonNode entry = awaitHistory(e -> e.toString().contains("refit:1.0.1"));
    assertThat(entry.toString()).contains("edge_refit");
  }

  @Test
  @Order(3)
  void aBrokenRefitImageIsRolledBackBySwarmAndTheHistorySaysSo() throws Exception {
    SelfUpdateIT.derive(dir, bed, "refit:1.0.2", "LABEL org.opencontainers.image.version=1.0.2",
        "CMD [\"serve\", \"--no-such-option\"]");
    check(false);
    swarm.awaitService(STACK + "_refit", Duration.ofSeconds(240),
        s -> s.path("UpdateStatus").path("State").asText().equals("rollback_completed"));
    JsonNode service = swarm.service(STACK + "_refit");
    assertThat(image(service)).startsWith(bed.image("refit:1.0.1") + "@");
    awaitApi(Duration.ofSeconds(90));
    JsonNode entry = awaitHistory(e -> e.toString().contains("refit:1.0.2"));
    assertThat(entry.toString()).containsPattern("rolled .*back");
  }

  private static String image(JsonNode service) {
    return service.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText();
  }

  /** Asks Refit for a cycle; with wait, returns its summary. */
  private static JsonNode check(boolean wait) throws Exception {
    HttpResponse<String> r = http("POST", "/api/check" + (wait ? "?wait=true" : ""));
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
    return r.body().isBlank() ? UpdateTestbed.json("{}") : UpdateTestbed.json(r.body());
  }

  private static HttpResponse<String> http(String method, String path) throws Exception {
    return Http.send(
        method, "http://127.0.0.1:" + port + path, Map.of("Authorization", "Bearer " + TOKEN),
        Duration.ofSeconds(120));
  }

  private static void awaitApi(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http("GET", "/healthz").statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // starting
      }
      TimeUnit.MILLISECONDS.sleep(1000);
    }
    throw new AssertionError("Refit's API did not answer within " + timeout + "; tasks: "
        + swarm.tasks(STACK + "_refit"));
  }

  private static Optional<JsonNode> historyEntry(Predicate<JsonNode> condition) throws Exception {
    HttpResponse<String> r = http("GET", "/api/history?limit=50");
    if (r.statusCode() != 200) {
      return Optional.empty();
    }
    for (JsonNode e : UpdateTestbed.json(r.body()).path("entries")) {
      if (condition.test(e)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static JsonNode awaitHistory(Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> e;
      try {
        e = historyEntry(condition);
      } catch (IOException restarting) {
        e = Optional.empty();
      }
      if (e.isPresent()) {
        return e.get();
      }
      TimeUnit.MILLISECONDS.sleep(1000);
    }
    throw new AssertionError("no such history entry; history: " + http("GET", "/api/history?limit=50").body());
  }

  /** docker stack ... with the environment the shipped files read. */
  private static void stack(Map<String, String> extra, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker", "stack"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("DOCKER_HOST", UpdateTestbed.ENV.dockerHost());
    env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    env.put("REFIT_IMAGE", bed.image("refit:1.0.0"));
    env.put("APP_IMAGE", bed.image("app:1.0.0"));
    env.put("DOCKER_GID", ImageIT.socketGid());
    env.put("DOCKER_SOCKET", ImageIT.socket());
    env.put("DOCKER_CONFIG_JSON", dir.resolve("docker-config/config.json").toString());
    env.put("REFIT_API_TOKEN_PATH", dir.resolve("token").toString());
    env.putAll(extra);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("docker stack " + String.join(" ", args) + " failed:\n" + output);
    }
  }
}
