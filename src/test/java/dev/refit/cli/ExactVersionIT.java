package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.store.HistoryEntry;
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
 * {@code refit update NAME --to TAG} and {@code refit rollback} on the real engine and a registry
 * that wants a password: an exact tag the policy would not pick, a downgrade refused and then
 * allowed, an unknown tag, and rollbacks of a container and of a Swarm service, each pinned by
 * digest and recorded.
 */
class ExactVersionIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Map<String, String> DIGESTS = new HashMap<>();

  private static UpdateTestbed bed;
  private static SwarmFixture swarm;

  @BeforeAll
  static void setUp() {
    bed = new UpdateTestbed("exact-it", new RegistryCredentials("exact", "exact-secret"));
    for (String version : new String[] {"1.0.0", "1.1.0", "1.2.0"}) {
      DIGESTS.put(version, bed.publish("app:" + version, "LABEL v=" + version,
          "CMD [\"sh\",\"-c\",\"" + SERVE + " # " + version + "\"]"));
    }
    // pulled by digest, with the password, when asked for; 1.0.0 stays for the service's first task
    bed.forget("app:1.2.0");
    swarm = SwarmFixture.init(UpdateTestbed.ENV);
  }

  @AfterAll
  static void tearDown() {
    swarm.close();
    bed.close();
  }

  @Test
  void movesAContainerToExactTagsRefusesADowngradeAndRollsBack() {
    // semver:patch would never pick 1.2.0 from 1.1.0
    bed.run("exact-web", """
        {"Image": "%s", "Labels": {"refit.policy": "semver:patch"}, "StopTimeout": 1,
         "HostConfig": {"NetworkMode": "none"}}""".formatted(bed.image("app:1.1.0")), Map.of());

    RefitCli.Run up = bed.refit("update", "exact-web", "--to", "1.2.0");
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).containsPattern("exact-web +\\S+ +1\\.2\\.0 +updated: exact tag 1\\.2\\.0 as asked");
    assertRuns("exact-web", "app:1.2.0", "1.2.0");
    HistoryEntry first = bed.history().get(0);
    assertThat(first.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(first.toDigest()).isEqualTo(DIGESTS.get("1.2.0"));
    assertThat(first.message()).contains("policy and gates");

    RefitCli.Run refused = bed.refit("update", "exact-web", "--to", "1.0.0");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.out())
        .contains("error: 1.0.0 is older than the 1.2.0 it runs (a downgrade): refused; allow it with --allow-downgrade");
    assertRuns("exact-web", "app:1.2.0", "1.2.0");

    RefitCli.Run unknown = bed.refit("update", "exact-web", "--to", "9.9.9");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.out()).contains("error: tag '9.9.9' does not exist in " + bed.registry.address() + "/app");

    RefitCli.Run down = bed.refit("update", "exact-web", "--to", "1.0.0", "--allow-downgrade", "--json");
    assertThat(down.exitCode()).as(down.toString()).isZero();
    JsonNode result = UpdateTestbed.json(down.out()).path("results").get(0);
    assertThat(result.path("name").asText()).isEqualTo("exact-web");
    assertThat(result.path("outcome").asText()).isEqualTo("applied");
    assertThat(result.path("toDigest").asText()).isEqualTo(DIGESTS.get("1.0.0"));
    assertThat(result.path("message").asText()).contains("a downgrade", "allowed");
    assertRuns("exact-web", "app:1.0.0", "1.0.0");
    long downgrade = bed.history().get(0).id();

    // undo the last update: back to what it ran before the downgrade
    RefitCli.Run back = bed.refit("rollback", "exact-web");
    assertThat(back.exitCode()).as(back.toString()).isZero();
    assertThat(back.out()).contains("updated: rollback to history #" + downgrade);
    assertRuns("exact-web", "app:1.2.0", "1.2.0");
    assertThat(bed.history().get(0).trigger()).isEqualTo("cli:rollback");

    // to the image a chosen entry left running
    RefitCli.Run to = bed.refit("rollback", "exact-web", "--to", Long.toString(downgrade));
    assertThat(to.exitCode()).as(to.toString()).isZero();
    assertRuns("exact-web", "app:1.0.0", "1.0.0");
    assertThat(bed.refit("history").out()).containsPattern("(?m)^" + downgrade + " +");

    RefitCli.Run wrong = bed.refit("rollback", "exact-web", "--to", "999");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("history entry #999 does not exist");
    assertThat(bed.unfinishedJournalEntries()).isZero();
  }

  @Test
  void rollsAServiceBackToTheDigestItRanBefore() {
    String id =
        swarm.createService(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                UpdateTestbed.json(
                    """
                    {"Name": "exact-svc", "Labels": {"refit.enable": "true"},
                     "TaskTemplate": {"ContainerSpec": {"Image": "%s", "StopGracePeriod": 1000000000}},
                     "Mode": {"Replicated": {"Replicas": 1}},
                     "UpdateConfig": {"Monitor": 1000000000}}
                    """
                        .formatted(bed.image("app:1.0.0") + "@" + DIGESTS.get("1.0.0"))));
    swarm.awaitRunning(id, 1, TIMEOUT);

    RefitCli.Run up = bed.refit("update", "exact-svc", "--to", "1.2.0");
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(bed.image("app:1.2.0") + "@" + DIGESTS.get("1.2.0"));
    swarm.awaitRunning(id, 1, TIMEOUT);

    RefitCli.Run back = bed.refit("rollback", "exact-svc");
    assertThat(back.exitCode()).as(back.toString()).isZero();
    assertThat(back.out()).containsPattern("service +exact-svc +.* +updated: rollback to history #");
    // a service update to the old digest, not Swarm's one-step native rollback
    assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(bed.image("app:1.0.0") + "@" + DIGESTS.get("1.0.0"));
    swarm.awaitRunning(id, 1, TIMEOUT);
    HistoryEntry last = bed.history().get(0);
    assertThat(last.targetKind()).isEqualTo("service");
    assertThat(last.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(last.toDigest()).isEqualTo(DIGESTS.get("1.0.0"));
    assertThat(last.trigger()).isEqualTo("cli:rollback");
  }

  private static void assertRuns(String container, String image, String version) {
    JsonNode inspect = bed.inspect(container);
    assertThat(inspect.path("Config").path("Image").asText()).isEqualTo(bed.image(image));
    assertThat(inspect.path("Config").path("Labels").path("v").asText()).isEqualTo(version);
    assertThat(inspect.path("State").path("Running").asBoolean()).isTrue();
  }
}
