package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.store.HistoryEntry;
import dev.refit.testing.HttpReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Compose project started by the real {@code docker-compose} (1.29, Debian's), updated by {@code
 * refit update}, then {@code docker-compose up -d} again: the files name the new versions where
 * they pinned the old ones (an {@code image:} line, a {@code ${VAR:-default}}, a {@code .env}
 * value), and Compose recreates nothing and downgrades nothing. A service whose new image crashes
 * is rolled back with its file untouched; a container whose files cannot be read is updated with a
 * warning that says what {@code compose up} would do.
 */
class ComposeProjectIT {
  private static final String PROJECT = "refitcomposeproject";
  private static final String CRASH = "CMD [\"sh\",\"-c\",\"echo boom; exit 3\"]";

  private static UpdateTestbed bed;
  private static Path project;

  @BeforeAll
  static void setUp() throws IOException {
    bed = new UpdateTestbed("compose-project-it", null);
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
    for (String repository : List.of("cp-web", "cp-api", "cp-worker", "cp-crash")) {
      bed.publish(repository + ":1.0.0", serve);
    }
    project = Files.createDirectories(bed.dir.resolve("project"));
    Files.writeString(project.resolve("docker-compose.yml"), """
        # the shop
        services:
          web:
            image: %1$s/cp-web:1.0.0   # pinned here
            depends_on: [api]
          api:
            image: "${API_IMAGE:-%1$s/cp-api:1.0.0}"
          worker:
            image: %1$s/cp-worker:${WORKER_TAG}
            network_mode: none
          crash:
            image: %1$s/cp-crash:1.0.0
            network_mode: none
        """.formatted(registry()));
    Files.writeString(project.resolve(".env"), "# versions\nWORKER_TAG=1.0.0\nDB_PASSWORD=hunter2\n");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      compose("down", "--timeout", "1");
    } finally {
      bed.close();
    }
  }

  @Test
  void composeUpAfterRefitsUpdateRecreatesNothingAndDowngradesNothing() throws Exception {
    compose("up", "-d");
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + " # 1.1.0\"]";
    for (String repository : List.of("cp-web", "cp-api", "cp-worker")) {
      bed.publish(repository + ":1.1.0", serve);
    }
    bed.publish("cp-crash:1.1.0", CRASH);
    String yamlBefore = Files.readString(project.resolve("docker-compose.yml"));
    String hashBefore = configHash("web");

    RefitCli.Run run = bed.refit("update");

    assertThat(run.out()).as(run.err()).contains("compose: writes " + registry() + "/cp-web:1.1.0 into");
    for (String service : List.of("web", "api", "worker")) {
      assertThat(image(service)).as(run.out()).isEqualTo(registry() + "/cp-" + service + ":1.1.0");
    }
    assertThat(image("crash")).as(run.out()).isEqualTo(registry() + "/cp-crash:1.0.0");
    assertThat(Files.readString(project.resolve("docker-compose.yml")))
        .isEqualTo(yamlBefore
            .replace("cp-web:1.0.0", "cp-web:1.1.0")
            .replace("cp-api:1.0.0}", "cp-api:1.1.0}"));
    assertThat(Files.readString(project.resolve(".env")))
        .isEqualTo("# versions\nWORKER_TAG=1.1.0\nDB_PASSWORD=hunter2\n");
    assertThat(bed.history()).extracting(HistoryEntry::message).allSatisfy(
        m -> assertThat(String.valueOf(m)).doesNotContain("hunter2"));

    assertThat(configHash("web")).as("the hash of the edited file, which Compose compares with")
        .isNotEqualTo(hashBefore);
    Map<String, String> ids = ids();
    String up = compose("up", "-d");

    assertThat(up).doesNotContain("Recreating").doesNotContain("Creating");
    assertThat(ids()).as(up).isEqualTo(ids);
    for (String service : List.of("web", "api", "worker")) {
      assertThat(image(service)).as(up).isEqualTo(registry() + "/cp-" + service + ":1.1.0");
    }
    assertThat(image("crash")).isEqualTo(registry() + "/cp-crash:1.0.0");
  }

  @Test
  void aContainerWhoseComposeFileCannotBeReadIsUpdatedWithAWarning() throws Exception {
    bed.publish("cp-lost:1.0.0", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
    bed.run("cp-lost", """
        {"Image": "%s", "HostConfig": {"NetworkMode": "none"}, "Labels": {
          "com.docker.compose.project": "gone", "com.docker.compose.service": "lost",
          "com.docker.compose.version": "1.29.2",
          "com.docker.compose.project.working_dir": "/srv/gone",
          "com.docker.compose.project.config_files": "/srv/gone/docker-compose.yml"}}
        """.formatted(bed.image("cp-lost:1.0.0")), Map.of());
    bed.publish("cp-lost:1.0.1", "CMD [\"sh\",\"-c\",\"" + SERVE + " # 1.0.1\"]");

    RefitCli.Run run;
    List<JsonNode> told = new ArrayList<>();
    try (HttpReceiver receiver = new HttpReceiver()) {
      run = bed.refit(
          Map.of("REFIT_NOTIFY_HOOK_TYPE", "webhook", "REFIT_NOTIFY_HOOK_URL", receiver.url("/hook")),
          "update", "cp-lost");
      receiver.drain().forEach(r -> told.add(UpdateTestbed.json(r.body())));
    }

    String warning = "compose file /srv/gone/docker-compose.yml does not exist here, so it still names "
        + bed.image("cp-lost:1.0.0") + ": `docker compose up` in /srv/gone would put "
        + bed.image("cp-lost:1.0.0") + " back; run Refit on the host, or mount /srv/gone at the same"
        + " path (-v /srv/gone:/srv/gone)";
    assertThat(run.out()).as(run.err()).contains("updated: " + warning);
    assertThat(bed.inspect("cp-lost").path("Config").path("Image").asText())
        .isEqualTo(bed.image("cp-lost:1.0.1"));
    assertThat(bed.history()).anySatisfy(h -> {
      assertThat(h.targetName()).isEqualTo("cp-lost");
      assertThat(h.message()).isEqualTo(warning);
    });
    assertThat(told).anySatisfy(event -> {
      assertThat(event.path("event").asText()).isEqualTo("applied");
      assertThat(event.path("message").asText()).isEqualTo(warning);
    });
  }

  private static String registry() {
    return bed.image("x").replaceFirst("/x$", "");
  }

  private static String image(String service) {
    return container(service).path("Config").path("Image").asText();
  }

  private static String configHash(String service) {
    return container(service).path("Config").path("Labels").path("com.docker.compose.config-hash").asText();
  }

  private static JsonNode container(String service) {
    return bed.inspect(PROJECT + "_" + service + "_1");
  }

  private static Map<String, String> ids() {
    return Map.of(
        "web", container("web").path("Id").asText(),
        "api", container("api").path("Id").asText(),
        "worker", container("worker").path("Id").asText(),
        "crash", container("crash").path("Id").asText());
  }

  /** Runs docker-compose in the project directory, as a user would; returns its output. */
  static String compose(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", UpdateTestbed.ENV.dockerHost());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("docker-compose " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }
}
