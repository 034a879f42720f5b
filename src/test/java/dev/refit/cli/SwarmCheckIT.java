package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import dev.refit.image.Digest;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.SwarmFixture;
import dev.refit.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit check} on a Swarm manager: labelled services are checked beside the standalone
 * containers, unlabelled ones only with the global switch, task containers and jobs never.
 */
class SwarmCheckIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEnvironment ENV = TestEnvironment.get();

  @TempDir static Path tmp;

  private static SwarmFixture swarm;
  private static DockerClient docker;
  private static ContainerFixture containers;
  private static RefitCli refit;

  @BeforeAll
  static void setUp() throws Exception {
    swarm = SwarmFixture.init(ENV);
    docker = ENV.dockerClient();
    containers = new ContainerFixture(docker);
    containers.removeAll();
    containers.run("standalone", ENV.image("app:1.1.0"), Map.of());
    String web = swarm.createService(service("web", "app:1.0.0", Map.of("refit.enable", "true")));
    String quiet = swarm.createService(service("quiet", "app:1.1.0", Map.of()));
    ObjectNode job = service("a-job", "app:1.0.0", Map.of("refit.enable", "true"));
    job.set("Mode", JSON.readTree("{\"ReplicatedJob\": {}}"));
    swarm.createService(job);
    swarm.awaitRunning(web, 1, Duration.ofSeconds(60));
    swarm.awaitRunning(quiet, 1, Duration.ofSeconds(60));
    refit =
        RefitCli.forTestEngine(
            ENV,
            Files.createDirectories(tmp.resolve("docker-config")),
            Files.createDirectories(tmp.resolve("state")));
  }

  @AfterAll
  static void tearDown() throws Exception {
    containers.removeAll();
    docker.close();
    swarm.close();
  }

  private static ObjectNode service(String name, String repoAndTag, Map<String, String> labels) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("Name", name);
    ObjectNode l = spec.putObject("Labels");
    labels.forEach(l::put);
    ObjectNode container = spec.putObject("TaskTemplate").putObject("ContainerSpec");
    container.put("Image", pinned(repoAndTag));
    container.put("StopGracePeriod", 1_000_000_000L);
    return spec;
  }

  private static String pinned(String repoAndTag) {
    return ENV.image(repoAndTag) + "@" + ENV.standardDigests().get(repoAndTag);
  }

  private static String shortDigest(String repoAndTag) {
    return Digest.parse(ENV.standardDigests().get(repoAndTag)).shortForm();
  }

  @Test
  void checksLabelledServicesBesideContainers() {
    RefitCli.Run run = refit.run("check");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(1);
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).matches("KIND +NAME +IMAGE +CURRENT +AVAILABLE +POLICY +STATUS");
    assertThat(lines[1])
        .matches(
            "container +standalone +" + ENV.image("app:1.1.0") + " +1\\.1\\.0 \\("
                + shortDigest("app:1.1.0") + "\\) +- +semver:minor +up to date");
    assertThat(lines[2])
        .matches(
            "service +quiet +" + ENV.image("app:1.1.0")
                + " +- +- +- +skipped: disabled \\(label refit.enable\\)");
    assertThat(lines[3])
        .matches(
            "service +web +" + ENV.image("app:1.0.0") + " +1\\.0\\.0 \\(" + shortDigest("app:1.0.0")
                + "\\) +1\\.1\\.0 +semver:minor +update available");
    assertThat(lines).hasSize(6);
    assertThat(lines[5])
        .isEqualTo("1 container, 2 services: 1 up to date, 1 update available, 1 skipped");
  }

  @Test
  void allServicesSwitchChecksUnlabelledServicesToo() {
    RefitCli.Run run = refit.run("check", "--all-services", "quiet");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("service  quiet").contains("up to date").endsWith("1 service: 1 up to date\n");

    RefitCli.Run fromEnv = refit.with(Map.of("REFIT_SWARM_ALL_SERVICES", "true")).run("check", "quiet");
    assertThat(fromEnv.out()).endsWith("1 service: 1 up to date\n");
  }

  @Test
  void jsonNamesTheServiceKind() throws Exception {
    RefitCli.Run run = refit.run("check", "--json", "web");
    JsonNode result = JSON.readTree(run.out()).path("results").get(0);
    assertThat(result.path("kind").asText()).isEqualTo("service");
    assertThat(result.path("name").asText()).isEqualTo("web");
    assertThat(result.path("image").asText()).isEqualTo(pinned("app:1.0.0"));
    assertThat(result.path("current").path("digest").asText())
        .isEqualTo(ENV.standardDigests().get("app:1.0.0"));
    assertThat(result.path("available").path("reference").asText()).isEqualTo(ENV.image("app:1.1.0"));
  }

  @Test
  void unknownNamesMentionServices() {
    RefitCli.Run run = refit.run("check", "nothing-here");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("refit: no container or service named 'nothing-here' on " + ENV.dockerHost() + "\n");
  }
}
