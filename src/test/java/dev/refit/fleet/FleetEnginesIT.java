package dev.refit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.agent.TrustedCertificates;
import dev.refit.testing.DockerCli;
import dev.refit.testing.ExtraEngine;
import dev.refit.testing.RefitVersions;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real fleet: {@code refit serve} (the project's jar, as a process that can be SIGKILLed) serving
 * HTTPS with a test CA's certificate, and two more private engines, each with an agent from the
 * project's image that verifies the server with {@code --ca-file}: {@code e1} a container on a
 * standalone engine, {@code e2} a container on a Swarm manager. The cases build on each other (one
 * set of engines and images for all: each costs seconds, the image a minute).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetEnginesIT {
  private static final String TOKEN = "fleet-engines-it-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TLS = Path.of("src/test/resources/tls");
  private static final Duration WAIT = Duration.ofSeconds(150);

  private final TestEnvironment env = TestEnvironment.get();
  private Path dir;
  private Path ca;
  private RegistryProcess registry;
  private ExtraEngine e1;
  private ExtraEngine e2;
  private HttpClient http;
  private int port;
  private Process server;

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory(env.dir(), "fleet-engines-");
    Files.createDirectories(dir.resolve("docker-config"));
    // readable by the agents' user (10001) wherever the checkout lives
    ca = Files.copy(TLS.resolve("ca.pem"), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
    dir.toFile().setExecutable(true, false);
    ca.toFile().setReadable(true, false);
    http = HttpClient.newBuilder().sslContext(TrustedCertificates.sslContext(ca)).build();
    registry = RegistryProcess.builder().storage(Files.createDirectories(dir.resolve("registry"))).start();
    e1 = ExtraEngine.start(env, "fe1");
    e2 = ExtraEngine.start(env, "fe2");
    e2.initSwarm();

    // two Refit versions built from the project, and a third whose agent cannot start
    RefitVersions versions =
        new RefitVersions(new DockerCli(env.dockerHost(), dir.resolve("docker-config")), registry.address() + "/refit", dir);
    versions.push("1.0.0");
    versions.derive("1.0.1", null);
    versions.derive("1.0.2", "[ \"$1\" = agent ] && { echo 'refit agent: this build is broken' >&2; exit 1; }");

    port = freePort();
    startServer();
  }

  @AfterAll
  void tearDown() throws Exception {
    if (server != null) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ExtraEngine engine : new ExtraEngine[] {e1, e2}) {
      if (engine != null) {
        engine.close();
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void agentsOnAStandaloneEngineAndASwarmManagerEnrolOverHttpsAndReportTheirTargets() throws Exception {
    docker(e1.dockerHost(), "run", "-d", "--name", "web", "--network", "none", "--label", "refit.enable=true",
        "--label", "refit.mode=notify", env.image("app:1.0.0"));
    docker(e2.dockerHost(), "service", "create", "-d", "--name", "web",
        "--label", "refit.enable=true", "--label", "refit.mode=notify", "--update-monitor", "2s",
        env.image("app:1.0.0"));

    docker(e1.dockerHost(), agentContainer(e1, "e1", joinToken(), refit("1.0.0"), true).toArray(String[]::new));
    // on the Swarm manager too a container: a service agent re-enrolled with its spent join token
    // when its first task was replaced (see the report of this change); not covered here yet
    docker(e2.dockerHost(), agentContainer(e2, "e2", joinToken(), refit("1.0.0"), true).toArray(String[]::new));

    JsonNode one = await("e1 and e2 online with their targets", () -> {
      JsonNode a = environment("e1").orElse(null);
      JsonNode b = environment("e2").orElse(null);
      return a != null && b != null && a.path("online").asBoolean() && b.path("online").asBoolean()
          && target(a, "web").isPresent() && target(b, "web").isPresent() ? a : null;
    });
    assertThat(one.path("swarmRole").asText()).isEqualTo("standalone");
    assertThat(environment("e2").orElseThrow().path("swarmRole").asText()).isEqualTo("manager");
    assertThat(target(one, "web").orElseThrow().path("currentTag").asText()).isEqualTo("1.0.0");
  }

  @Test
  @Order(2)
  void anAgentThatDoesNotTrustTheCertificateSaysSoInOneLine() throws Exception {
    List<String> run = agentContainer(e1, "untrusting", joinToken(), refit("1.0.0"), false);
    docker(e1.dockerHost(), run.toArray(String[]::new));
    try {
      String logs = await("the untrusting agent's refusal", () -> {
        String l = docker(e1.dockerHost(), "logs", "agent-untrusting");
        return l.contains("certificate") ? l : null;
      });
      assertThat(logs).contains("the server's certificate is not trusted: give its CA (or the certificate itself) with --ca-file FILE");
      assertThat(logs).doesNotContain("\tat ").doesNotContain("PKIX");
      assertThat(environment("untrusting")).isEmpty();
    } finally {
      docker(e1.dockerHost(), "rm", "-f", "agent-untrusting");
    }
  }

  @Test
  @Order(3)
  void aWorkloadCampaignGoesCanaryFirstAndSurvivesTheServerBeingKilled() throws Exception {
    JsonNode created = post("/api/campaigns", """
        {"action": "apply", "image": "%s", "tag": "1.0.1", "environments": ["e1", "e2"],
         "canaries": ["e1"], "batchSize": 1, "deadline": "5m"}
        """.formatted(env.image("app")));
    String id = created.path("id").asText();
    // SIGKILL while the canary's command is out; the restarted server resumes from its database
    await("e1 dispatched", () -> state(id, "e1").equals("dispatched") ? "" : null);
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    startServer();

    JsonNode done = awaitCampaign(id, c -> !c.path("phase").asText().matches("running|soaking"));
    assertThat(done.path("phase").asText()).as(() -> done + "\n" + diagnostics()).isEqualTo("completed");
    assertThat(environmentOf(done, "e1").path("state").asText()).isEqualTo("succeeded");
    assertThat(environmentOf(done, "e2").path("state").asText()).isEqualTo("succeeded");
    assertThat(environmentOf(done, "e1").path("wave").asInt()).isLessThan(environmentOf(done, "e2").path("wave").asInt());
    assertThat(docker(e1.dockerHost(), "inspect", "-f", "{{.Config.Image}}", "web").strip()).isEqualTo(env.image("app:1.0.1"));
    assertThat(docker(e2.dockerHost(), "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", "web"))
        .startsWith(env.image("app:1.0.1"));
  }

  @Test
  @Order(4)
  void anEnvironmentWhoseAgentIsOfflineWaitsAndGoesOnWhenItReconnects() throws Exception {
    docker(e1.dockerHost(), "stop", "-t", "5", "agent-e1");
    await("e1 offline", () -> environment("e1").orElseThrow().path("online").asBoolean() ? null : "");
    String id = post("/api/campaigns", """
        {"action": "apply", "image": "%s", "tag": "1.1.0", "environments": ["e1"], "deadline": "5m"}
        """.formatted(env.image("app"))).path("id").asText();
    await("e1 waiting", () -> state(id, "e1").equals("waiting") ? "" : null);

    docker(e1.dockerHost(), "start", "agent-e1");

    JsonNode done = awaitCampaign(id, c -> !c.path("phase").asText().matches("running|soaking"));
    assertThat(done.path("phase").asText()).as(() -> done + "\n" + diagnostics()).isEqualTo("completed");
    assertThat(docker(e1.dockerHost(), "inspect", "-f", "{{.Config.Image}}", "web").strip()).isEqualTo(env.image("app:1.1.0"));
  }

  @Test
  @Order(5)
  void aCampaignUpgradesTheAgentsToTheNextRefitImage() throws Exception {
    JsonNode done = upgradeAgents("1.0.1");
    assertThat(done.path("phase").asText()).as(() -> done + "\n" + diagnostics()).isEqualTo("completed");
    assertThat(docker(e1.dockerHost(), "inspect", "-f", "{{.Config.Image}}", "agent-e1").strip()).isEqualTo(refit("1.0.1"));
    assertThat(docker(e2.dockerHost(), "inspect", "-f", "{{.Config.Image}}", "agent-e2").strip())
        .isEqualTo(refit("1.0.1"));
    await("both upgraded agents online", () ->
        environment("e1").orElseThrow().path("online").asBoolean() && environment("e2").orElseThrow().path("online").asBoolean() ? "" : null);
  }

  @Test
  @Order(6)
  void aBrokenAgentImageIsRolledBackReportedAndHaltsTheCampaign() throws Exception {
    JsonNode done = upgradeAgents("1.0.2");
    assertThat(done.path("phase").asText()).as(() -> done + "\n" + diagnostics()).isEqualTo("halted");
    JsonNode canary = environmentOf(done, "e1");
    assertThat(canary.path("state").asText()).isEqualTo("failed");
    assertThat(canary.path("message").asText()).as(() -> canary + "\n" + diagnostics()).containsPattern("(?i)roll");
    assertThat(environmentOf(done, "e2").path("state").asText()).isEqualTo("not-started");
    // the old agent is back and connected; the untouched environment still runs 1.0.1
    assertThat(docker(e1.dockerHost(), "inspect", "-f", "{{.Config.Image}} {{.State.Running}}", "agent-e1").strip())
        .isEqualTo(refit("1.0.1") + " true");
    assertThat(docker(e2.dockerHost(), "inspect", "-f", "{{.Config.Image}}", "agent-e2").strip())
        .isEqualTo(refit("1.0.1"));
    await("e1 online again", () -> environment("e1").orElseThrow().path("online").asBoolean() ? "" : null);
  }

  @Test
  @Order(7)
  void aRevokedAgentIsCutOffAndStops() throws Exception {
    send("DELETE", "/api/fleet/agents/e1", null);
    String ended = await("agent-e1 to stop", () -> {
      String state = docker(e1.dockerHost(), "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "agent-e1").strip();
      return state.startsWith("exited") ? state : null;
    });
    assertThat(ended).isEqualTo("exited 3");
    assertThat(environment("e1")).isEmpty();
  }

  /** An upgrade-agent campaign to {@code refit:TAG} over e1 (the canary) and e2, once it ended. */
  private JsonNode upgradeAgents(String tag) throws Exception {
    String id = post("/api/campaigns", """
        {"action": "upgrade-agent", "image": "%s", "environments": ["e1", "e2"], "canaries": ["e1"],
         "deadline": "5m"}
        """.formatted(refit(tag))).path("id").asText();
    return awaitCampaign(id, c -> !c.path("phase").asText().matches("running|soaking"));
  }

  // --- the server ---

  private void startServer() throws IOException, InterruptedException {
    Path state = Files.createDirectories(dir.resolve("server-state"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", "target/refit.jar", "serve", "--no-local",
        "--address", "127.0.0.1", "--port", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    var e = pb.environment();
    e.put("REFIT_API_TOKEN", TOKEN);
    e.put("REFIT_STATE_DIR", state.toString());
    e.put("REFIT_SERVE_TLS_CERT", TLS.resolve("server-chain.pem").toString());
    e.put("REFIT_SERVE_TLS_KEY", TLS.resolve("server.key").toString());
    // short, but not so short that a loaded machine's pauses take agents offline
    e.put("REFIT_FLEET_HEARTBEAT", "2s");
    e.put("REFIT_FLEET_OFFLINE_AFTER", "10s");
    e.put("REFIT_SCHEDULE", "off");
    e.put("DOCKER_HOST", env.dockerHost());
    e.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    server = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("refit serve exited:\n%s", serverLog()).isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("refit serve did not answer over HTTPS:\n" + serverLog());
  }

  private String serverLog() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private URI url(String path) {
    return URI.create("https://127.0.0.1:" + port + path);
  }

  private String joinToken() throws Exception {
    return post("/api/fleet/join-tokens", "{\"ttl\": \"10m\"}").path("token").asText();
  }

  private JsonNode post(String path, String body) throws Exception {
    return send("POST", path, body);
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(url(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  private Optional<JsonNode> environment(String name) throws Exception {
    for (JsonNode e : send("GET", "/api/fleet/environments", null).path("environments")) {
      if (e.path("name").asText().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> target(JsonNode environment, String name) {
    for (JsonNode t : environment.path("targets")) {
      if (t.path("name").asText().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private String state(String campaign, String environment) throws Exception {
    return environmentOf(send("GET", "/api/campaigns/" + campaign, null), environment).path("state").asText();
  }

  private static JsonNode environmentOf(JsonNode campaign, String name) {
    for (JsonNode e : campaign.path("environments")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no environment " + name + " in " + campaign);
  }

  private JsonNode awaitCampaign(String id, Predicate<JsonNode> done) throws Exception {
    return await("campaign " + id, () -> {
      JsonNode c = send("GET", "/api/campaigns/" + id, null);
      return done.test(c) ? c : null;
    });
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls until the probe answers non-null; a failure shows the server's and agents' logs. */
  private <T> T await(String what, Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (Exception | AssertionError e) {
        last = e instanceof Exception ex ? ex : new RuntimeException(e);
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("timed out waiting for " + what + " (last error: " + last + ")\n" + diagnostics());
  }

  private String diagnostics() {
    String environments;
    try {
      environments = send("GET", "/api/fleet/environments", null).toString();
    } catch (Exception | AssertionError e) {
      environments = e.toString();
    }
    return "environments: " + environments + "\nserver log:\n" + tail(serverLog()) + "\nagent-e1:\n" + tail(quiet(e1.dockerHost(), "logs", "agent-e1"))
        + "\nagent-e2:\n" + tail(quiet(e2.dockerHost(), "logs", "agent-e2"))
        + "\ncontainers on e1:\n" + quiet(e1.dockerHost(), "ps", "-a") + containerLogs(e1);
  }

  /** Every container's log on an engine (helpers that already exited included). */
  private String containerLogs(ExtraEngine engine) {
    StringBuilder all = new StringBuilder();
    for (String name : quiet(engine.dockerHost(), "ps", "-a", "--format", "{{.Names}}").lines().toList()) {
      all.append("\n--- logs of ").append(name).append(":\n").append(tail(quiet(engine.dockerHost(), "logs", "-t", name)));
    }
    return all.toString();
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  // --- images, containers, engines ---

  private String refit(String tag) {
    return registry.address() + "/refit:" + tag;
  }

  private List<String> agentContainer(ExtraEngine engine, String name, String joinToken, String image, boolean trustCa)
      throws IOException {
    List<String> run = new ArrayList<>(List.of("run", "-d", "--name", "agent-" + name,
        "--network", "host", "--group-add", socketGid(engine),
        "-v", socket(engine) + ":/var/run/docker.sock", "-v", "refit-agent-" + name + ":/var/lib/refit",
        "-v", ca + ":/etc/refit-ca.pem:ro",
        "-e", "REFIT_OPT_IN=true", "-e", "REFIT_SCHEDULE=off", "-e", "REFIT_UPDATE_STABILITY=2s",
        "--health-interval", "1s",
        image));
    List<String> args = agentArgs(name, joinToken);
    if (!trustCa) {
      args = args.subList(0, args.size() - 2);
    }
    run.addAll(args);
    return run;
  }

  private List<String> agentArgs(String name, String joinToken) {
    return List.of("agent", "--server", "https://127.0.0.1:" + port, "--join-token", joinToken, "--name", name,
        "--ca-file", "/etc/refit-ca.pem");
  }

  private static String socket(ExtraEngine engine) {
    return engine.dockerHost().replaceFirst("^unix://", "");
  }

  private static String socketGid(ExtraEngine engine) throws IOException {
    return String.valueOf(Files.getAttribute(Path.of(socket(engine)), "unix:gid"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String quiet(String host, String... args) {
    try {
      return docker(host, args);
    } catch (Exception | AssertionError e) {
      return e.getMessage();
    }
  }

  /** The docker CLI against one engine, as a user would run it; stdout and stderr together. */
  private String docker(String host, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", host);
    pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }
}
