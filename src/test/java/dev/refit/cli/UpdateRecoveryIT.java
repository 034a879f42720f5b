package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash safety: Refit (the shaded jar, in its own JVM) is killed with SIGKILL at each step of an
 * update, held there by the test-only {@code REFIT_TEST_PAUSE_AT}; the next run must leave the
 * service running, restored (or, once committed, updated), with its data, and say what it did.
 */
class UpdateRecoveryIT {
  private static UpdateTestbed bed;

  @BeforeAll
  static void images() {
    bed = new UpdateTestbed("recovery-it", null);
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("rec:1.0.0", "LABEL v=1", serve);
    bed.publish("rec:1.0.1", "LABEL v=2", serve);
    bed.publish("reccrash:1.0.0", serve);
    bed.publish("reccrash:1.0.1", "CMD [\"sh\",\"-c\",\"echo boom; exit 3\"]");
  }

  @AfterAll
  static void tearDown() {
    bed.close();
  }

  @ParameterizedTest(name = "killed at {0}")
  @CsvSource({
    "rename-old, rec, restored",
    "create-new, rec, restored",
    "stop-old, rec, restored",
    "start-new, rec, restored",
    "health, rec, restored",
    "commit, rec, updated",
    "restart-dependants, rec, updated",
    "rollback, reccrash, restored"
  })
  void theNextRunRestoresTheService(String step, String repository, String expected) throws Exception {
    String name = "rec-" + step;
    String oldId =
        bed.run(
            name,
            """
            {"Image": "%s", "StopTimeout": 1, "Volumes": {"/anon": {}},
             "HostConfig": {"NetworkMode": "none", "RestartPolicy": {"Name": "unless-stopped"}}}
            """
                .formatted(bed.image(repository + ":1.0.0")),
            Map.of());
    String followerId =
        bed.run(
            name + "-follower",
            "{\"Image\": \"%s\", \"StopTimeout\": 1, \"Labels\": {\"refit.depends-on\": \"%s\"}, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
                .formatted(bed.image("rec:1.0.0"), name),
            Map.of());
    bed.exec(name, "sh", "-c", "echo keep > /anon/f");

    killRefitAt(step, name);
    assertThat(bed.refit("history").err())
        .contains("the update of " + name + " was interrupted at step '" + step + "'");

    RefitCli.Run next = bed.refit("update", "--monitor-only", name);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).contains("recovered " + name + ": an earlier run stopped at step '" + step + "'");

    JsonNode now = bed.inspect(name);
    assertThat(now.path("State").path("Running").asBoolean()).as(next.toString()).isTrue();
    if (expected.equals("restored")) {
      assertThat(now.path("Id").asText()).isEqualTo(oldId);
      assertThat(now.path("Config").path("Image").asText()).isEqualTo(bed.image(repository + ":1.0.0"));
      assertThat(next.out()).contains("rolled back to");
    } else {
      assertThat(now.path("Id").asText()).isNotEqualTo(oldId);
      assertThat(bed.exists(oldId)).isFalse();
      assertThat(now.path("Config").path("Image").asText()).isEqualTo(bed.image(repository + ":1.0.1"));
      assertThat(next.out()).contains("completed the update to");
    }
    assertThat(bed.exists(name + "-refit-old")).isFalse();
    assertThat(bed.exec(name, "cat", "/anon/f")).isEqualTo("keep\n");
    assertThat(bed.inspect(followerId).path("State").path("Running").asBoolean()).isTrue();
    assertThat(bed.unfinishedJournalEntries()).isZero();
    HistoryEntry last = bed.history().get(0);
    assertThat(last.targetName()).isEqualTo(name);
    assertThat(last.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
    bed.containers.removeAll();
  }

  private static void killRefitAt(String step, String name) throws Exception {
    bed.killRefitAt(step, Map.of(), "update", name);
  }
}
