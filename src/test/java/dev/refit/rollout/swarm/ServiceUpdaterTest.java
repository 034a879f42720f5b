package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.SwarmTask;
import dev.refit.registry.Credential;
import dev.refit.store.UpdateOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceUpdaterTest {
  private static final String OLD = "r/app:1.0.0@sha256:" + "a".repeat(64);
  private static final String NEW = "r/app:1.0.1@sha256:" + "b".repeat(64);

  private final List<String> events = new ArrayList<>();
  private final List<RolloutProgress> progress = new ArrayList<>();
  private final ServiceUpdateListener listener =
      new ServiceUpdateListener() {
        @Override
        public void submitted(String service, String image, List<String> safeChanges) {
          events.add("submitted " + safeChanges);
        }

        @Override
        public void conflict(String service, int attempt) {
          events.add("conflict " + attempt);
        }

        @Override
        public void progress(RolloutProgress p) {
          progress.add(p);
        }

        @Override
        public void rollingBack(String service, String reason) {
          events.add("rolling back: " + reason);
        }
      };

  private static ServiceUpdateResult update(ScriptedSwarm swarm, ServiceUpdateRequest request, ServiceUpdateListener l) {
    return new ServiceUpdater(swarm, Clock.systemUTC(), Duration.ofMillis(1), 3).update(request, l);
  }

  private static ServiceUpdateRequest request(String image) {
    return new ServiceUpdateRequest(ScriptedSwarm.ID, OLD, image, Optional.empty(), false, Duration.ofSeconds(5));
  }

  @Test
  void completedRolloutIsAnAppliedUpdate() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).afterUpdate("updating", "updating", "completed");
    swarm.tasks =
        List.of(task("t1", "running", "running", NEW), task("t2", "running", "running", OLD),
            task("t3", "shutdown", "shutdown", OLD));

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(result.message()).isEqualTo("service web runs " + NEW);
    assertThat(result.changed()).isTrue();
    assertThat(swarm.calls).containsExactly("update v10");
    assertThat(swarm.image()).isEqualTo(NEW);
    assertThat(events).containsExactly("submitted []");
    assertThat(progress)
        .extracting(RolloutProgress::describe)
        .containsExactly("web: updating 1/2", "web: completed 1/2");
  }

  @Test
  void someoneElsesRolloutUnderWayIsSkippedNotSentOver() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).now(OLD, "updating");

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.SKIPPED);
    assertThat(result.message()).isEqualTo("being updated by another Refit or user (Swarm: updating, since t-killed)");
    assertThat(result.changed()).isFalse();
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void anotherRefitThatRolledOutTheSameImageFirstMakesThisOneSkip() {
    // both checked on OLD; the other one's spec went in first
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).now(NEW, "completed");

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.SKIPPED);
    assertThat(result.message()).isEqualTo("updated meanwhile by another Refit: service web runs " + NEW + " already");
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void statusOfAnEarlierRolloutIsNotMistakenForThisOne() {
    // The service shows the old "completed" until Swarm starts the new rollout.
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).afterUpdate(null, null, null, "updating", "completed");

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(progress).extracting(RolloutProgress::state).containsExactly("updating", "completed");
  }

  @Test
  void rollbackBySwarmItselfIsAFailedUpdate() {
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD).afterUpdate("updating", "rollback_started", "rollback_completed");
    swarm.message = "update rolled back due to failure or early termination of task x";

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(result.message())
        .isEqualTo("Swarm rolled service web back to " + OLD + ": " + swarm.message);
    assertThat(swarm.calls).containsExactly("update v10");
  }

  @Test
  void pausedUpdateIsRolledBackByRefit() {
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD)
            .afterUpdate("updating", "paused")
            .afterRollback("rollback_started", "rollback_completed");
    swarm.message = "update paused due to failure or early termination of task x";

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(result.message())
        .isEqualTo("the update paused: " + swarm.message + "; rolled back to " + OLD);
    assertThat(swarm.calls).containsExactly("update v10", "rollback v11");
    assertThat(swarm.image()).isEqualTo(OLD);
    assertThat(events)
        .containsExactly("submitted []", "rolling back: the update paused: " + swarm.message);
  }

  @Test
  void timeoutIsRolledBackByRefit() {
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD).afterUpdate("updating").afterRollback("rollback_completed");
    ServiceUpdateRequest request =
        new ServiceUpdateRequest(ScriptedSwarm.ID, null, NEW, Optional.empty(), false, Duration.ofMillis(30));

    ServiceUpdateResult result = update(swarm, request, listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(result.message())
        .isEqualTo("the update did not finish within 30ms; rolled back to " + OLD);
    assertThat(swarm.calls).containsExactly("update v10", "rollback v11");
  }

  @Test
  void rollbackThatPausesLeavesTheServiceBroken() {
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD).afterUpdate("paused").afterRollback("rollback_started", "rollback_paused");
    swarm.message = "rollback paused";

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.BROKEN);
    assertThat(result.message())
        .isEqualTo(
            "the update paused: rollback paused; the rollback paused: rollback paused;"
                + " service web needs a look (docker service ps web)");
  }

  @Test
  void versionConflictsAreReadAgainAndRetried() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).conflicts(2).afterUpdate("completed");

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(swarm.calls).containsExactly("update v10", "update v11", "update v12");
    assertThat(events).containsExactly("conflict 1", "conflict 2", "submitted []");
  }

  @Test
  void givesUpWhenTheServiceKeepsChanging() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).conflicts(3);

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.FAILED);
    assertThat(result.changed()).isFalse();
    assertThat(result.message())
        .isEqualTo(
            "service web kept changing under Refit: 3 updates refused as out of sequence;"
                + " try again later");
  }

  @Test
  void doesNotOverwriteAnImageSomeoneElseChose() {
    ScriptedSwarm swarm = new ScriptedSwarm("r/app:9.9.9@sha256:" + "c".repeat(64));

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.FAILED);
    assertThat(result.message())
        .isEqualTo(
            "service web changed meanwhile: it runs r/app:9.9.9@sha256:" + "c".repeat(64)
                + ", not " + OLD + "; check it again");
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void aServiceAlreadyOnTheImageIsLeftAlone() {
    ScriptedSwarm swarm = new ScriptedSwarm(NEW);
    ServiceUpdateRequest request =
        new ServiceUpdateRequest(ScriptedSwarm.ID, null, NEW, Optional.empty(), false, Duration.ofSeconds(1));

    ServiceUpdateResult result = update(swarm, request, listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(result.changed()).isFalse();
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void sendsSafeDefaultsAndCredentialsWhenAsked() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).afterUpdate("completed");
    RegistryAuth auth = RegistryAuth.of("r", new Credential("u", "p", "test"));
    ServiceUpdateRequest request =
        new ServiceUpdateRequest(ScriptedSwarm.ID, OLD, NEW, Optional.of(auth), true, Duration.ofSeconds(5));

    update(swarm, request, listener);

    assertThat(swarm.sentSpecs.get(0).path("UpdateConfig").path("FailureAction").asText())
        .isEqualTo("rollback");
    assertThat(swarm.sentAuth).containsExactly(Optional.of(auth));
    assertThat(events)
        .containsExactly("submitted [order=start-first, failure_action=rollback, parallelism=1]");
  }

  @Test
  void theServicesLabelAsksForSafeDefaults() {
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).label("refit.swarm.safe", "true").afterUpdate("completed");

    update(swarm, request(NEW), listener);

    assertThat(swarm.sentSpecs.get(0).path("UpdateConfig").path("Order").asText()).isEqualTo("start-first");
    ScriptedSwarm bad = new ScriptedSwarm(OLD).label("refit.swarm.safe", "sure");
    ServiceUpdateResult result = update(bad, request(NEW), listener);
    assertThat(result.outcome()).isEqualTo(UpdateOutcome.FAILED);
    assertThat(result.message()).isEqualTo("service web: label refit.swarm.safe='sure' must be true or false");
    assertThat(bad.calls).isEmpty();
  }

  @Test
  void keepsWhatTheFailedTaskSaidWhenTheRolloutFails() {
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD).afterUpdate("updating", "paused").afterRollback("rollback_completed");
    swarm.tasks =
        List.of(
            new SwarmTask("new1", "node1", "shutdown", "failed", "", "task: non-zero exit (3)", 3, NEW,
                Instant.EPOCH.plusSeconds(5)),
            task("old1", "running", "running", OLD));
    swarm.logs = "starting\ndisk full\n";

    ServiceUpdateResult result = update(swarm, request(NEW), listener);

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(result.taskOutput())
        .containsExactly("(Swarm: task: non-zero exit (3))", "starting", "disk full");
    assertThat(swarm.calls).containsExactly("update v10", "logs new1", "rollback v11");
  }

  private static SwarmTask task(String id, String desired, String state, String image) {
    return new SwarmTask(id, "node1", desired, state, "", "", null, image, Instant.EPOCH);
  }
}
