package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.RegistryCredentials;
import dev.refit.testing.SwarmFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code refit update} on a Swarm manager: services are updated through their spec, with the
 * registry's credentials, safe defaults where labelled, and a paused rollout rolled back; the
 * history records both.
 */
class SwarmUpdateIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static UpdateTestbed bed;
  private static SwarmFixture swarm;
  private static final Map<String, String> DIGESTS = new HashMap<>();

  @BeforeAll
  static void setUp() {
    bed = new UpdateTestbed("swarm-update-it", new RegistryCredentials("swarm", "swarm-secret"));
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
    DIGESTS.put("web:1.0.0", bed.publish("web:1.0.0", serve));
    DIGESTS.put("web:1.0.1", bed.publish("web:1.0.1", "CMD [\"sh\",\"-c\",\"" + SERVE + " # 1.0.1\"]"));
    DIGESTS.put("fragile:1.0.0", bed.publish("fragile:1.0.0", serve));
    bed.publish(
        "fragile:1.0.1",
        "CMD [\"sh\",\"-c\",\"echo starting; echo disk full >&2; rm -f /tmp/ready; exec sleep 3600\"]");
    // the nodes must pull the new images, from a registry that wants the password
    bed.forget("web:1.0.1");
    bed.forget("fragile:1.0.1");
    swarm = SwarmFixture.init(UpdateTestbed.ENV);
  }

  @AfterAll
  static void tearDown() {
    swarm.close();
    bed.close();
  }

  private static String pinned(String repoAndTag) {
    return bed.image(repoAndTag) + "@" + DIGESTS.get(repoAndTag);
  }

  /** A service on a healthchecked image, watched for one second per task. */
  private static ObjectNode service(String name, String image, String labels, String updateConfig) {
    return (ObjectNode)
        UpdateTestbed.json(
            """
            {"Name": "%s", "Labels": %s,
             "TaskTemplate": {"ContainerSpec": {"Image": "%s", "StopGracePeriod": 1000000000,
               "Healthcheck": {"Test": ["CMD-SHELL", "test -f /tmp/ready"], "Interval": 500000000,
                               "Retries": 2}}},
             "Mode": {"Replicated": {"Replicas": 1}},
             "UpdateConfig": %s}
            """
                .formatted(name, labels, image, updateConfig));
  }

  @Test
  void updatesALabelledServiceWithCredentialsAndSafeDefaultsAndRecordsIt() {
    String id =
        swarm.createService(
            service("web", pinned("web:1.0.0"),
                "{\"refit.enable\": \"true\", \"refit.swarm.safe\": \"true\"}",
                "{\"Monitor\": 1000000000}"));
    swarm.awaitRunning(id, 1, TIMEOUT);

    RefitCli.Run dry = bed.refit("update", "--dry-run", "web");
    assertThat(dry.out())
        .contains(
            "  sends the spec of service web back with only the image changed:\n"
                + "    " + pinned("web:1.0.0") + " -> " + pinned("web:1.0.1") + "\n"
                + "  fills in safe rollout defaults: order=start-first, failure_action=rollback,"
                + " parallelism=1\n"
                + "  Swarm rolls it out: parallelism 1, order start-first, on failure rollback, monitor 1s\n"
                + "  sends the credentials for " + bed.registry.address() + " with it\n");
    assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(pinned("web:1.0.0"));

    RefitCli.Run run = bed.refit("update", "web");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .containsPattern("service +web +" + java.util.regex.Pattern.quote(bed.image("web:1.0.0")) + " +1\\.0\\.1 +updated");
    JsonNode spec = swarm.spec(id);
    assertThat(ServiceSnapshot.imageOf(spec)).isEqualTo(pinned("web:1.0.1"));
    assertThat(spec.path("UpdateConfig").toString())
        .isEqualTo("{\"Parallelism\":1,\"FailureAction\":\"rollback\",\"Monitor\":1000000000,"
            + "\"MaxFailureRatio\":0,\"Order\":\"start-first\"}");
    swarm.awaitRunning(id, 1, TIMEOUT);
    assertThat(bed.history()).first().satisfies(e -> {
      assertThat(e.targetKind()).isEqualTo("service");
      assertThat(e.targetName()).isEqualTo("web");
      assertThat(e.outcome()).isEqualTo(UpdateOutcome.APPLIED);
      assertThat(e.toDigest()).isEqualTo(DIGESTS.get("web:1.0.1"));
    });
    assertThat(bed.refit("history").out()).containsPattern("service/web +\\S+ +\\S+ +applied");
    assertThat(bed.unfinishedJournalEntries()).isZero();
  }

  @Test
  void rollsBackAServiceWhoseRolloutPausedAndShowsWhyTheNewTaskFailed() {
    String id =
        swarm.createService(
            service("fragile", pinned("fragile:1.0.0"), "{\"refit.enable\": \"true\"}",
                "{\"Parallelism\": 1, \"FailureAction\": \"pause\", \"Monitor\": 1000000000}"));
    swarm.awaitRunning(id, 1, TIMEOUT);
    String before = ServiceSnapshot.imageOf(swarm.spec(id));

    RefitCli.Run run = bed.refit("update", "fragile");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("rolled back: the update paused: ")
        .contains("; rolled back to " + before)
        .contains("fragile: last log lines of the new task that failed:")
        .contains("  | disk full");
    assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(before);
    swarm.awaitRunning(id, 1, TIMEOUT);
    assertThat(bed.history()).first().satisfies(e -> {
      assertThat(e.targetName()).isEqualTo("fragile");
      assertThat(e.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
      assertThat(e.message()).contains("the update paused").contains("disk full");
    });
    assertThat(bed.unfinishedJournalEntries()).isZero();
  }
}
