package dev.refit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.testing.DockerCli;
import dev.refit.testing.ExtraEngine;
import dev.refit.testing.FleetServerProcess;
import dev.refit.testing.RefitVersions;
import dev.refit.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code refit agent} as a Swarm service, created the way README's "Fleet" section shows it: on a
 * manager, the engine's socket mounted, its state directory on a named volume. The fleet server is
 * the project's jar on plain HTTP; the agent is the project's image, with a 1.0.1 to upgrade to
 * and a 1.0.2 whose agent exits at once. The cases build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmAgentIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String SERVICE = "refit-agent";

  private final TestEnvironment env = TestEnvironment.get();
  private Path dir;
  private ExtraEngine engine;
  private DockerCli docker;
  private RefitVersions refit;
  private FleetServerProcess server;
  private String spentToken;

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory(env.dir(), "swarm-agent-");
    Path config = Files.createDirectories(dir.resolve("docker-config"));
    engine = ExtraEngine.start(env, "sagent");
    engine.initSwarm();
    docker = new DockerCli(engine.dockerHost(), config);
    // built on the main engine (RefitImage lives there), pulled by the swarm engine from the registry
    refit = new RefitVersions(new DockerCli(env.dockerHost(), config), env.image("swarm-agent-refit"), dir);
    refit.push("1.0.0");
    refit.derive("1.0.1", null);
    refit.derive("1.0.2", "[ \"$1\" = agent ] && { echo 'refit agent: this build is broken' >&2; exit 1; }");
    server = FleetServerProcess.start(dir, env.dockerHost(),
        Map.of("REFIT_FLEET_HEARTBEAT", "2s", "REFIT_FLEET_OFFLINE_AFTER", "10s"));
  }

  @AfterAll
  void tearDown() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  @Order(1)
  void aServiceAgentEnrolsAndReportsASwarmManager() {
    spentToken = server.joinToken();
    List<String> create = new ArrayList<>(List.of("service", "create", "-d", "--name", SERVICE,
        "--constraint", "node.role==manager",
        "--mount", "type=bind,src=" + docker.socket() + ",dst=/var/run/docker.sock",
        "--mount", "type=volume,src=refit-agent,dst=/var/lib/refit",
        "--group", docker.socketGroup(),
        "--env", "REFIT_JOIN_TOKEN=" + spentToken,
        "--env", "REFIT_SCHEDULE=off",
        // the test's pace: the image's health check probes every 30 s, and a task counts as
        // running only once healthy; the server listens on the host's loopback
        "--health-interval", "1s", "--network", "host"));
    create.addAll(List.of(refit.image("1.0.0"), "agent", "--server", server.url(), "--name", "s1"));
    docker.run(create.toArray(String[]::new));

    JsonNode s1 = awaitOnline("s1 enrolled");
    assertThat(s1.path("swarmRole").asText()).isEqualTo("manager");
  }

  @Test
  @Order(2)
  void aReplacedTaskComesBackWithTheKeptCredential() throws Exception {
    String credential = credential();
    String before = runningContainer();
    docker.run("service", "update", "--force", "--detach", SERVICE);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(runningContainer()).as(this::diagnostics).isNotIn(before, ""));
    awaitOnline("s1 back online from its new task");
    assertThat(credential()).isEqualTo(credential);
    assertThat(server.log(200)).doesNotContain("refused");
    assertThat(docker.run("service", "logs", "--raw", SERVICE)).doesNotContain("anonymous volume");
  }

  @Test
  @Order(3)
  void anAgentThatLostItsStateDirectorySaysSoInOneLineAndExits() {
    DockerCli.Result run = docker.attempt("run", "--rm", "--network", "host", "--group-add", docker.socketGroup(),
        "-v", docker.socket() + ":/var/run/docker.sock", "-e", "REFIT_SCHEDULE=off",
        refit.image("1.0.0"), "agent", "--server", server.url(), "--join-token", spentToken, "--name", "s1");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    List<String> refusal = run.output().lines().filter(l -> l.contains("refused")).toList();
    assertThat(refusal).as(run.output()).hasSize(1);
    assertThat(refusal.get(0)).contains("refused to enrol 's1' (409: an agent with that name is enrolled already",
        "There is no credential in /var/lib/refit",
        "enrol again with a new join token");
    assertThat(run.output()).doesNotContain("\tat ")
        // said at start already: the image's volume is an anonymous one
        .contains("the state directory /var/lib/refit is on an anonymous volume of this container");
  }

  @Test
  @Order(4)
  void anUpgradeCampaignUpdatesTheAgentsServiceToTheNextImage() {
    JsonNode s1 = upgradeCampaign("1.0.1", "completed");

    assertThat(s1.path("state").asText()).isEqualTo("succeeded");
    assertThat(s1.path("message").asText()).startsWith("upgraded from " + refit.image("1.0.0"));
    assertThat(serviceImage()).startsWith(refit.image("1.0.1") + "@sha256:");
    awaitOnline("s1 online on 1.0.1");
  }

  @Test
  @Order(5)
  void aBrokenAgentImageIsRolledBackBySwarmAndReportedFailed() {
    JsonNode s1 = upgradeCampaign("1.0.2", "halted");

    assertThat(s1.path("state").asText()).isEqualTo("failed");
    assertThat(s1.path("message").asText()).as(() -> s1 + "\n" + diagnostics())
        .startsWith("still runs " + refit.image("1.0.1") + "@sha256:")
        .contains("after the upgrade to " + refit.image("1.0.2"), "Swarm rolled service refit-agent back to");
    assertThat(serviceImage()).startsWith(refit.image("1.0.1") + "@sha256:");
    awaitOnline("s1 online again on 1.0.1");
  }

  // --- helpers ---

  private JsonNode awaitOnline(String what) {
    return await(what).atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> server.environment("s1").filter(e -> e.path("online").asBoolean()).orElse(null),
            e -> e != null);
  }

  /** An upgrade-agent campaign for s1 to {@code tag}, run to its end; s1's row. */
  private JsonNode upgradeCampaign(String tag, String phase) {
    String id = server.campaign("""
        {"action": "upgrade-agent", "image": "%s", "environments": ["s1"], "deadline": "4m"}
        """.formatted(refit.image(tag)));
    JsonNode done = await("campaign " + id).atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> server.campaignState(id), c -> !c.path("phase").asText().matches("running|soaking"));
    assertThat(done.path("phase").asText()).as(() -> done + "\n" + diagnostics()).isEqualTo(phase);
    return FleetServerProcess.find(done.path("environments"), "s1").orElseThrow();
  }

  /** The credential on the agent's volume, by its digest (the secret stays out of the output). */
  private String credential() throws Exception {
    // the test runs as root beside the engine: the volume's directory is readable here
    Path file = Path.of(docker.run("volume", "inspect", "-f", "{{.Mountpoint}}", "refit-agent").strip(), "fleet-agent.properties");
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private String runningContainer() {
    return docker.run("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + SERVICE,
        "--filter", "status=running").strip();
  }

  private String serviceImage() {
    return docker.run("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", SERVICE).strip();
  }

  private String diagnostics() {
    return "server log:\n" + server.log(60)
        + "\nservice tasks:\n" + docker.quiet("service", "ps", "--no-trunc", SERVICE)
        + "\nagent log:\n" + docker.quiet("service", "logs", "--raw", "--tail", "80", SERVICE);
  }
}
