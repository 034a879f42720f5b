package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.testing.HttpReceiver;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.SwarmFixture;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit serve} on a Swarm manager: a service that opted in is checked, planned (mode apply),
 * updated through its spec, recorded, announced and counted by the same pipeline as containers,
 * and the API lists it as a service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeSwarmIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Stops at once on SIGTERM, so Swarm's task shutdown takes no 10 s. */
  private static final List<String> SERVE =
      List.of("sh", "-c", "trap 'exit 0' TERM; touch /tmp/ready; sleep 3600 & wait");

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  /** Everything set up, closed in reverse order, also after a set-up that failed halfway. */
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private RegistryProcess registry;
  private SwarmFixture swarm;
  private HttpReceiver receiver;
  private TestDaemon daemon;
  private String oldDigest;
  private String newDigest;

  private <T extends AutoCloseable> T open(T closeable) {
    opened.push(closeable);
    return closeable;
  }

  @BeforeAll
  void setUp() throws Exception {
    TestImages images = open(new TestImages(env));
    registry = open(RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("storage"))).start());
    oldDigest = images.importAndPush(ref("web:1.0.0"), Map.of("v", "1.0.0"), SERVE);
    newDigest = images.importAndPush(ref("web:1.0.1"), Map.of("v", "1.0.1"), SERVE);
    DockerEngine engine = open(DockerEngine.connect(env.dockerHost()));
    receiver = open(new HttpReceiver());
    swarm = open(SwarmFixture.init(env));
    daemon =
        open(
            new TestDaemon(
                engine,
                tmp,
                // task containers starting would trigger cycles of their own: noise here
                "docker.events=false",
                "notify.hook.type=webhook",
                "notify.hook.url=" + receiver.url("/hook")));
  }

  @AfterAll
  void tearDown() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  private String ref(String repositoryAndTag) {
    return registry.address() + "/" + repositoryAndTag;
  }

  @Test
  void theDaemonUpdatesAServiceThatOptedInAndRecordsAndAnnouncesIt() throws Exception {
    ObjectNode spec =
        (ObjectNode)
            JSON.readTree(
                """
                {"Name": "serve-web", "Labels": {"refit.enable": "true"},
                 "TaskTemplate": {"ContainerSpec": {"Image": "%s", "StopGracePeriod": 1000000000,
                   "Healthcheck": {"Test": ["CMD-SHELL", "test -f /tmp/ready"], "Interval": 500000000,
                                   "Retries": 2}}},
                 "Mode": {"Replicated": {"Replicas": 1}},
                 "UpdateConfig": {"Monitor": 1000000000}}
                """
                    .formatted(ref("web:1.0.0") + "@" + oldDigest));
    String id = swarm.createService(spec);
    swarm.awaitRunning(id, 1, TIMEOUT);

    JsonNode cycle = daemon.api("POST", "/api/check?wait=true");

    assertThat(cycle.path("error").isNull()).as(cycle.toString()).isTrue();
    JsonNode applied = cycle.path("applied");
    assertThat(applied).as(cycle.toString()).hasSize(1);
    assertThat(applied.get(0).path("target").asText()).isEqualTo("serve-web");
    assertThat(applied.get(0).path("outcome").asText()).as(applied.toString()).isEqualTo("applied");
    assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(ref("web:1.0.1") + "@" + newDigest);
    swarm.awaitRunning(id, 1, TIMEOUT);

    JsonNode target = null;
    for (JsonNode t : daemon.api("GET", "/api/targets").path("targets")) {
      if (t.path("name").asText().equals("serve-web")) {
        target = t;
      }
    }
    assertThat(target).as("serve-web in /api/targets").isNotNull();
    assertThat(target.path("kind").asText()).isEqualTo("service");
    assertThat(target.path("plan").path("mode").asText()).isEqualTo("apply");
    assertThat(target.path("outcome").path("outcome").asText()).isEqualTo("applied");

    JsonNode entry = daemon.api("GET", "/api/history").path("entries").get(0);
    assertThat(entry.path("kind").asText()).isEqualTo("service");
    assertThat(entry.path("target").asText()).isEqualTo("serve-web");
    assertThat(entry.path("outcome").asText()).as(entry.toString()).isEqualTo("applied");
    assertThat(entry.path("toDigest").asText()).isEqualTo(newDigest);
    assertThat(entry.path("trigger").asText()).isEqualTo("api");

    List<String> heard = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonNode event = JSON.readTree(receiver.next().body());
      heard.add(event.path("event").asText() + " " + event.path("target").path("kind").asText() + " "
          + event.path("target").path("name").asText());
    }
    assertThat(heard).containsExactlyInAnyOrder("update_available service serve-web", "applied service serve-web");
    assertThat(daemon.metrics()).contains("refit_updates_applied_total 1.0");
  }
}
