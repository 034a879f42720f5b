package dev.refit.rollout.container;

import dev.refit.docker.EngineApiException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every branch of a recreate, against the scripted engine and the real journal. */
class RecreationTest {
  @TempDir Path dir;
  @AutoClose private RecreationTestbed bed;
  private FakeContainerEngine engine;
  private Box web;

  @BeforeEach
  void setUp() {
    bed = new RecreationTestbed(dir);
    engine = bed.engine;
    web = engine.add("web", "app:1", true);
  }

  @Test
  void replacesTheContainerWhenTheNewOneStaysUp() {
    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(outcome.message()).isNull();
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).isNotEqualTo(web.id);
    assertThat(now.configImage).isEqualTo("app:2");
    assertThat(now.running).isTrue();
    assertThat(engine.box(web.id)).as("the old container is removed").isEmpty();
    assertThat(engine.calls)
        .containsSubsequence(
            "rename " + web.id + " web-refit-old", "create web", "stop " + web.id, "start " + now.id,
            "remove " + web.id);
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void waitsForAHealthcheckToReportHealthy() {
    engine.whenCreated("web", true, b -> {}, b -> b.health = "healthy");

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(bed.steps).anyMatch(s -> s.contains("is healthy (up to 5s)"));
  }

  @Test
  void createFailureGivesTheOldContainerItsNameBackRunning() {
    engine.failAt("create web", new EngineApiException(500, "no space left on device"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("web: cannot create the new container: no space left on device");
    assertOldBackAndRunning();
    assertThat(engine.calls).doesNotContain("stop " + web.id);
  }

  @Test
  void createConflictRollsBackAndLeavesTheOtherContainer() {
    engine.failAt("create web", new EngineApiException(409, "Conflict. The container name \"/web\" is already in use"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("web: cannot create the new container: Conflict.");
    assertOldBackAndRunning();
  }

  @Test
  void aFailedConnectRemovesTheHalfCreatedContainer() {
    var job = bed.job(web);
    var request = job.requests().get(0);
    var withNet =
        new CreateRequest(request.name(), request.body(),
            java.util.Map.of("backend", FakeContainerEngine.body("x")));
    var connecting = new Recreation.Job(job.plan(), List.of(withNet), job.labels(), null);
    engine.failAt("connect backend *", new EngineApiException(404, "network backend not found"));

    Recreation.Outcome outcome = bed.recreation().run(RecreationTestbed.target(web), connecting, bed.listener());

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).contains("network backend not found");
    assertThat(engine.containers()).hasSize(1);
    assertOldBackAndRunning();
  }

  @Test
  void startFailureStartsTheSameOldContainerAgainAndShowsMaskedLogs() {
    engine.failAt("start *", new EngineApiException(500, "exec: \"/app\": permission denied"));
    engine.after("create web", () -> engine.box("web").orElseThrow().logs =
        List.of("booting with TOKEN=s3cret-value", "denied"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("web: cannot start the new container: exec: \"/app\": permission denied");
    assertThat(outcome.logTail()).containsExactly("booting with TOKEN=****", "denied");
    assertOldBackAndRunning();
    assertThat(engine.calls).containsSubsequence("stop " + web.id, "start " + web.id);
  }

  @Test
  void unhealthyRollsBackWithTheLastProbe() {
    engine.whenCreated("web", true, b -> {}, b -> {
      b.health = "unhealthy";
      b.lastProbe = "curl: (7) connection refused";
    });

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("the new web unhealthy (last probe: curl: (7) connection refused)");
    assertOldBackAndRunning();
  }

  @Test
  void notHealthyInTimeRollsBack() {
    engine.whenCreated("web", true);

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("the new web not healthy within 5s (health: starting)");
    assertOldBackAndRunning();
  }

  @Test
  void anExitWithinTheWindowRollsBack() {
    engine.whenCreated("web", false, b -> {}, b -> b.exit(3));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("the new web exited with code 3");
    assertOldBackAndRunning();
  }

  @Test
  void aRestartWithinTheWindowRollsBack() {
    engine.whenCreated("web", false, b -> {}, b -> {}, b -> {
      b.restartCount++;
      b.exitCode = 137;
      b.startedAt = "later";
    });

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("the new web restarted (exited with code 137)");
    assertOldBackAndRunning();
  }

  @Test
  void aJournalThatFailsAfterTheRenameRollsBackAndSaysSo() {
    engine.after("rename " + web.id + " web-refit-old", bed::breakJournal);

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message())
        .contains("journal step of entry")
        .contains("the journal could not record the rollback")
        .contains("the journal could not close the entry");
    assertOldBackAndRunning();
    assertThat(engine.calls).doesNotContain("create web");
  }

  @Test
  void aTakenParkingNameChangesNothing() {
    Box other = engine.add("web-refit-old", "app:0", false);

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).contains("is already in use by container \"" + other.id);
    assertOldBackAndRunning();
    assertThat(engine.box("web-refit-old").orElseThrow().id).isEqualTo(other.id);
    assertThat(engine.calls).doesNotContain("create web");
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void aFailedRollbackIsBroken() {
    engine.whenCreated("web", false, b -> {}, b -> b.exit(1));
    engine.failAt("rename " + web.id + " web", new EngineApiException(500, "engine hiccup"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.BROKEN);
    assertThat(outcome.message())
        .isEqualTo("the new web exited with code 1; rolling back failed too:"
            + " web: cannot rename the old container back: engine hiccup");
    assertThat(engine.box(web.id).orElseThrow().name).isEqualTo("web-refit-old");
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void aFailingSharerRollsBackEveryMemberToItsOwnContainer() {
    Box sidecar = engine.add("sidecar", "app:1", true);
    engine.whenCreated("sidecar", false, b -> {}, b -> b.exit(2));

    Recreation.Outcome outcome = bed.run(web, sidecar);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).isEqualTo("the new sidecar exited with code 2");
    assertOldBackAndRunning();
    Box side = engine.box("sidecar").orElseThrow();
    assertThat(side.id).isEqualTo(sidecar.id);
    assertThat(side.running).isTrue();
    assertThat(engine.containers()).hasSize(2);
  }

  @Test
  void restartsWhatLinksToItAfterTheUpdate() {
    Box worker = engine.add("worker", "tool:1", true);
    Box stopped = engine.add("cron", "tool:1", false);
    Recreation.Job job = bed.job(web);
    RecreationPlan p = job.plan();
    RecreationPlan withDependants =
        new RecreationPlan(p.location(), p.fromImage(), p.toImage(), null, null, p.members(), List.of("worker", "cron"), List.of(), null);
    Recreation.Job restarting = new Recreation.Job(withDependants, job.requests(), job.labels(), null);

    Recreation.Outcome outcome = bed.recreation().run(RecreationTestbed.target(web), restarting, bed.listener());

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(engine.calls).contains("restart " + worker.id).doesNotContain("restart " + stopped.id);
    assertThat(bed.steps).contains("restarting worker, cron");
  }

  @Test
  void aJournalThatFailsAfterTheCommitStillCompletesTheUpdate() {
    engine.before("remove " + web.id, bed::breakJournal);

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(outcome.message()).startsWith("the journal could not close the entry: ");
    assertThat(engine.box("web").orElseThrow().configImage).isEqualTo("app:2");
    assertThat(engine.box(web.id)).isEmpty();
  }

  private void assertOldBackAndRunning() {
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).as("the same old container").isEqualTo(web.id);
    assertThat(now.running).isTrue();
    assertThat(engine.containers().values()).allMatch(b -> !b.name.equals("web-refit-old") || b != web);
  }
}
