package dev.refit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.refit.docker.DockerEngine;
import dev.refit.fleet.agent.Agent;
import dev.refit.fleet.agent.AgentRunner;
import dev.refit.fleet.agent.CredentialFile;
import dev.refit.fleet.server.FleetServer;
import dev.refit.fleet.FleetSettings;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.server.DaemonCore;
import dev.refit.server.RefitDaemon;
import dev.refit.store.Database;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.InProcessAgent;
import dev.refit.testing.TestConfig;
import dev.refit.testing.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fleet server and an agent (in this JVM, on the test engine, with its own state directory),
 * end to end over a real WebSocket: enrolment with a join token, the environment and its targets
 * appearing, an apply command updating a container on the agent's engine, the agent going offline
 * and coming back with its stored credential, and revocation cutting it off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIT {
  private static final String TOKEN = "fleet-it-api-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private DockerClient docker;
  private DockerEngine engine;
  private ContainerFixture containers;
  private FleetServer fleet;
  private RefitDaemon server;
  private String base;

  @BeforeAll
  void setUp() throws Exception {
    docker = env.dockerClient();
    engine = DockerEngine.connect(env.dockerHost());
    containers = new ContainerFixture(docker);
    containers.removeAll();
    Database serverDb = Database.open(tmp.resolve("server"));
    DaemonCore core =
        new DaemonCore(
            PipelineFactory.forEngine(
                TestConfig.of("serve.port=0", "serve.token=" + TOKEN, "schedule.cron=off", "schedule.checkAtStart=false"),
                Map.of("DOCKER_CONFIG", Files.createDirectories(tmp.resolve("docker-config")).toString()),
                engine,
                Clock.systemUTC()),
            null,
            serverDb);
    // no "local": the agent below watches the same engine, and one owner per container is enough
    fleet =
        new FleetServer(
            serverDb, null, new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(3)), Clock.systemUTC());
    server = new RefitDaemon(core, fleet.routes());
    base = "http://127.0.0.1:" + server.start();
    fleet.start();
  }

  @AfterAll
  void tearDown() throws Exception {
    if (server != null) {
      fleet.close();
      server.close();
    }
    containers.removeAll();
    engine.close();
    docker.close();
  }

  private Agent agent(Path state, String joinToken) throws Exception {
    return InProcessAgent.start(engine, URI.create(base), "edge", joinToken, state);
  }

  @Test
  void enrolApplyGoOfflineComeBackAndBeRevoked() throws Exception {
    String appImage = env.image("app:1.0.0");
    containers.run("fleet-it-app", appImage, Map.of("refit.enable", "true", "refit.policy", "semver:patch"));
    Path state = tmp.resolve("agent");

    String joinToken = call("POST", "/api/fleet/join-tokens", "{\"ttl\": \"10m\"}").path("token").asText();
    Agent agent = agent(state, joinToken);
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> environment("edge").map(e -> e.path("online").asBoolean()).orElse(false));
      // the server says online once it sent the welcome; the agent stores the credential in it a moment later
      await().atMost(Duration.ofSeconds(5)).until(() -> new CredentialFile(state).read().isPresent());
      // the token is spent: a second host cannot enrol with it
      assertThat(handshakeStatus("Join " + joinToken, Map.of("Refit-Agent-Name", "other"))).isEqualTo(401);
      assertThat(handshakeStatus("Bearer not-a-credential", Map.of("Refit-Agent", "agt_x"))).isEqualTo(401);

      call("POST", "/api/fleet/environments/edge/check", "");
      await().atMost(Duration.ofSeconds(20)).until(() -> target("edge", "fleet-it-app").isPresent());
      JsonNode target = target("edge", "fleet-it-app").orElseThrow();
      assertThat(target.path("currentTag").asText()).isEqualTo("1.0.0");
      assertThat(target.path("availableTag").asText()).isEqualTo("1.0.1");
      JsonNode facts = environment("edge").orElseThrow();
      assertThat(facts.path("engineVersion").asText()).isNotBlank();
      assertThat(facts.path("swarmRole").asText()).isIn("standalone", "manager", "worker");

      call("POST", "/api/fleet/environments/edge/apply", "{\"id\": \"apply-1\", \"targets\": [\"fleet-it-app\"]}");
      await().atMost(Duration.ofSeconds(30)).until(() -> report("edge", "apply-1").isPresent());
      assertThat(report("edge", "apply-1").orElseThrow().path("succeeded").asBoolean()).as(report("edge", "apply-1").toString()).isTrue();
      assertThat(docker.inspectContainerCmd("fleet-it-app").exec().getConfig().getImage()).isEqualTo(env.image("app:1.0.1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> target("edge", "fleet-it-app").map(t -> t.path("currentTag").asText()).orElse("").equals("1.0.1"));

      // an exact tag goes past the policy (semver:patch) ...
      call("POST", "/api/fleet/environments/edge/apply", "{\"id\": \"apply-2\", \"targets\": [\"fleet-it-app\"], \"tag\": \"2.0.0\"}");
      await().atMost(Duration.ofSeconds(30)).until(() -> report("edge", "apply-2").isPresent());
      assertThat(report("edge", "apply-2").orElseThrow().path("succeeded").asBoolean()).as(report("edge", "apply-2").toString()).isTrue();
      assertThat(docker.inspectContainerCmd("fleet-it-app").exec().getConfig().getImage()).isEqualTo(env.image("app:2.0.0"));
      // ... but never back: the fleet cannot allow a downgrade
      call("POST", "/api/fleet/environments/edge/apply", "{\"id\": \"apply-3\", \"targets\": [\"fleet-it-app\"], \"tag\": \"1.0.1\"}");
      await().atMost(Duration.ofSeconds(30)).until(() -> report("edge", "apply-3").isPresent());
      JsonNode refused = report("edge", "apply-3").orElseThrow();
      assertThat(refused.path("succeeded").asBoolean()).as(refused.toString()).isFalse();
      assertThat(refused.path("message").asText()).contains("downgrade");
      assertThat(docker.inspectContainerCmd("fleet-it-app").exec().getConfig().getImage()).isEqualTo(env.image("app:2.0.0"));
    } finally {
      agent.close();
    }

    // offline when it stops; back with its stored credential (no join token this time)
    await().atMost(Duration.ofSeconds(10)).until(() -> !environment("edge").orElseThrow().path("online").asBoolean());
    Agent again = agent(state, null);
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> environment("edge").orElseThrow().path("online").asBoolean());

      call("DELETE", "/api/fleet/agents/edge", null);
      assertThat(again.ended().get(10, TimeUnit.SECONDS)).isEqualTo(AgentRunner.Ending.REVOKED);
      assertThat(new CredentialFile(state).read()).isEmpty();
      assertThat(environment("edge")).isEmpty();
    } finally {
      again.close();
    }
  }

  /**
   * The server spends the token and answers 101, but the answer is lost on the way back (a proxy
   * drops the connection there, as a timeout or a cut edge link would): the agent tries again with
   * the same token and name, is enrolled as the same agent, and the secret it stored works.
   */
  @Test
  void anEnrolmentWhoseAnswerWasLostSucceedsWhenTheAgentRetries() throws Exception {
    Path state = tmp.resolve("agent-lost-answer");
    String joinToken = call("POST", "/api/fleet/join-tokens", "{\"ttl\": \"10m\"}").path("token").asText();
    try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(URI.create(base).getPort())) {
      Agent agent = InProcessAgent.start(engine, URI.create("http://127.0.0.1:" + proxy.port()), "lost-answer", joinToken, state);
      try {
        await().atMost(Duration.ofSeconds(15)).until(() -> environment("lost-answer").map(e -> e.path("online").asBoolean()).orElse(false));
        assertThat(proxy.dropped.get()).isEqualTo(1);
      } finally {
        agent.close();
      }
    }
    // back with the credential of the second answer, straight to the server this time
    Agent again = InProcessAgent.start(engine, URI.create(base), "lost-answer", null, state);
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> environment("lost-answer").map(e -> e.path("online").asBoolean()).orElse(false));
      assertThat(handshakeStatus("Join " + joinToken, Map.of("Refit-Agent-Name", "lost-answer"))).isEqualTo(409);
    } finally {
      again.close();
      call("DELETE", "/api/fleet/agents/lost-answer", null);
    }
  }

  /** A TCP relay on loopback that drops the server's answer to the first connection. */
  private static final class AnswerDroppingProxy implements AutoCloseable {
    final java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
    private final java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final int upstreamPort;

    AnswerDroppingProxy(int upstreamPort) throws java.io.IOException {
      this.upstreamPort = upstreamPort;
      daemon(this::accept);
    }

    int port() {
      return listener.getLocalPort();
    }

    private static void daemon(Runnable task) {
      Thread thread = new Thread(task, "answer-dropping-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    private void accept() {
      try {
        while (true) {
          java.net.Socket client = listener.accept();
          java.net.Socket upstream = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), upstreamPort);
          boolean drop = dropped.get() == 0;
          daemon(() -> relay(client, upstream, false));
          daemon(() -> relay(upstream, client, drop));
        }
      } catch (java.io.IOException closed) {
        // the test is over
      }
    }

    /** Copies until either side ends; with {@code drop}, reads the answer's head and hangs up. */
    private void relay(java.net.Socket from, java.net.Socket to, boolean drop) {
      try (from; to) {
        if (drop) {
          byte[] head = new byte[4];
          var in = from.getInputStream();
          for (int b; (b = in.read()) >= 0; ) {
            System.arraycopy(head, 1, head, 0, 3);
            head[3] = (byte) b;
            if (new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("\r\n\r\n")) {
              dropped.incrementAndGet();
              return;
            }
          }
        }
        from.getInputStream().transferTo(to.getOutputStream());
      } catch (java.io.IOException ended) {
        // one side hung up: so do we
      }
    }

    @Override
    public void close() throws java.io.IOException {
      listener.close();
    }
  }

  private Optional<JsonNode> environment(String name) throws Exception {
    for (JsonNode e : call("GET", "/api/fleet/environments", null).path("environments")) {
      if (e.path("name").asText().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private Optional<JsonNode> target(String environment, String name) throws Exception {
    for (JsonNode t : environment(environment).map(e -> e.path("targets")).orElse(JSON.createArrayNode())) {
      if (t.path("name").asText().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private Optional<JsonNode> report(String environment, String command) throws Exception {
    for (JsonNode r : call("GET", "/api/fleet/environments/" + environment, null).path("reports")) {
      if (r.path("command").asText().equals(command)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  private int handshakeStatus(String authorization, Map<String, String> headers) throws Exception {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().header("Authorization", authorization);
    headers.forEach(builder::header);
    try {
      builder.buildAsync(URI.create(base.replace("http", "ws") + "/fleet/connect"), new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS).abort();
      return 101;
    } catch (ExecutionException e) {
      return e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
    }
  }
}
