package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit serve} end to end on the real engine: the distribution registry sends its
 * notifications to Refit, and pushing a new tag updates a running container with no schedule
 * involved; a container that starts is checked at once (Docker events).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {
  private static final String HOOK_SECRET = "distribution-hook-secret";

  @TempDir static Path tmp;

  private DaemonTestbed testbed;
  private DockerClient docker;
  private TestImages images;
  private ContainerFixture containers;
  private TestDaemon daemon;

  @BeforeAll
  void setUp() throws Exception {
    testbed = new DaemonTestbed();
    docker = testbed.docker;
    images = testbed.images;
    containers = testbed.containers;
    // Refit first, so its port is known to the registry's notification endpoint
    daemon = testbed.startDaemon(tmp, "update.stability=2s", "webhooks.distribution.secret=" + HOOK_SECRET);
    testbed.startRegistry(
        RegistryProcess.builder()
            .storage(Files.createDirectories(tmp.resolve("storage")))
            .notifications(daemon.url("/webhooks/distribution"), Map.of("Authorization", "Bearer " + HOOK_SECRET)));
  }

  @AfterAll
  void tearDown() throws Exception {
    testbed.close();
  }

  private String ref(String repositoryAndTag) {
    return testbed.ref(repositoryAndTag);
  }

  private JsonNode api(String path) throws Exception {
    return daemon.api("GET", path);
  }

  private Optional<JsonNode> target(String name) throws Exception {
    for (JsonNode t : api("/api/targets").path("targets")) {
      if (t.path("name").asText().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Test
  void aStartingContainerIsCheckedAtOnce() throws Exception {
    images.importAndPush(ref("watched:1.0.0"), Map.of("v", "1.0.0"), TestImages.SLEEP);
    images.importAndPush(ref("watched:1.1.0"), Map.of("v", "1.1.0"), TestImages.SLEEP);
    containers.run("serve-it-watched", ref("watched:1.0.0"), Map.of());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> target("serve-it-watched").isPresent());
    JsonNode t = target("serve-it-watched").orElseThrow();
    assertThat(t.path("status").asText()).isEqualTo("update_available");
    assertThat(t.path("available").path("tag").asText()).isEqualTo("1.1.0");
    assertThat(t.path("plan").path("mode").asText()).isEqualTo("notify");
    assertThat(api("/api/targets").path("lastCycle").path("trigger").asText()).contains("docker-event");
  }

  @Test
  void pushingANewTagUpdatesARunningContainerThroughTheRegistrysNotification() throws Exception {
    images.importAndPush(ref("app:1.0.0"), Map.of("v", "1.0.0"), TestImages.SLEEP);
    containers.run("serve-it-app", ref("app:1.0.0"), Map.of("refit.enable", "true"));
    await().atMost(Duration.ofSeconds(20)).until(() -> target("serve-it-app").isPresent());
    assertThat(target("serve-it-app").orElseThrow().path("status").asText()).isEqualTo("up_to_date");

    String pushed = images.importAndPush(ref("app:1.0.1"), Map.of("v", "1.0.1"), TestImages.SLEEP);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api("/api/history").path("total").asInt() > 0);
    JsonNode entry = api("/api/history").path("entries").get(0);
    assertThat(entry.path("target").asText()).isEqualTo("serve-it-app");
    assertThat(entry.path("toImage").asText()).isEqualTo(ref("app:1.0.1"));
    assertThat(entry.path("trigger").asText()).isEqualTo("webhook:distribution");
    assertThat(entry.path("outcome").asText()).as(entry.toString()).isEqualTo("applied");
    var running = docker.inspectContainerCmd("serve-it-app").exec();
    assertThat(running.getConfig().getImage()).isEqualTo(ref("app:1.0.1"));
    assertThat(docker.inspectImageCmd(running.getImageId()).exec().getRepoDigests())
        .contains(ref("app@" + pushed));
    assertThat(running.getState().getRunning()).isTrue();
  }
}
