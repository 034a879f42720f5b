package dev.refit.rollout.container;

import dev.refit.docker.EngineApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.rollout.container.FakeContainerEngine.Killed;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at each journaled step (the fake throws an {@link Error} nothing catches, leaving
 * the journal and the containers as a SIGKILL would), then the next run's recovery: before the
 * commit it puts the same old container back, from the commit on it finishes the update.
 */
class JournalRecoveryTest {
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
  void killedBeforeTheRename() {
    killBefore("rename " + web.id + " web-refit-old");
    assertRolledBack(Step.RENAME_OLD.stored(), recover());
  }

  @Test
  void killedRightAfterTheRename() {
    killAfter("rename " + web.id + " web-refit-old");
    assertRolledBack(Step.RENAME_OLD.stored(), recover());
  }

  @Test
  void killedAfterTheCreateBeforeItWasJournaled() {
    killAfter("create web");
    assertThat(engine.containers()).hasSize(2);
    assertRolledBack(Step.CREATE_NEW.stored(), recover());
    assertThat(engine.containers()).as("the unjournaled new container, created since, is removed").hasSize(1);
  }

  @Test
  void killedAfterTheOldOneStopped() {
    killAfter("stop " + web.id);
    assertThat(engine.box(web.id).orElseThrow().running).isFalse();
    assertRolledBack(Step.STOP_OLD.stored(), recover());
  }

  @Test
  void killedAfterTheNewOneStarted() {
    killAfter("start *");
    assertRolledBack(Step.START_NEW.stored(), recover());
  }

  @Test
  void killedDuringTheGate() {
    engine.whenCreated("web", false, b -> {}, b -> {}, b -> {
      throw new Killed("health");
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);
    assertRolledBack(Step.HEALTH.stored(), recover());
  }

  @Test
  void killedAfterTheCommitFinishesTheUpdate() {
    killBefore("remove " + web.id);
    RecoveryResult result = recover();

    assertThat(result.interruptedAt()).isEqualTo(Step.COMMIT.stored());
    assertThat(result.completed()).isTrue();
    assertThat(result.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(result.message()).isEqualTo("an earlier run stopped at step 'commit'; completed the update to app:2");
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).isNotEqualTo(web.id);
    assertThat(now.running).isTrue();
    assertThat(engine.box(web.id)).isEmpty();
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void killedWhileRollingBack() {
    engine.whenCreated("web", false, b -> {}, b -> b.exit(1));
    killBefore("remove *");
    assertRolledBack(Step.ROLLBACK.stored(), recover());
  }

  @Test
  void anOldContainerGoneSinceIsLeftAlone() {
    killAfter("rename " + web.id + " web-refit-old");
    engine.containers().remove(web.id);
    Box someoneElses = engine.add("web", "app:3", true);

    RecoveryResult result = recover();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(result.message()).contains("its old container is gone since");
    assertThat(engine.box("web").orElseThrow().id).isEqualTo(someoneElses.id);
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void aRecoveryThatCannotRestoreIsBroken() {
    killAfter("stop " + web.id);
    engine.failAt("start " + web.id, new EngineApiException(500, "no memory"));

    RecoveryResult result = recover();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.BROKEN);
    assertThat(result.message()).endsWith("but: web: cannot start the old container: no memory");
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  // refit.backup=volumes: killed while snapshotting, or while restoring

  private static final String SNAP = "webdata-refit-snap-20261130-050000";

  @Test
  void killedBeforeTheSnapshotIsTakenDiscardsIt() {
    FakeContainerEngine.Volume data = bed.backedUpVolume(web, "webdata", 3);
    killBefore("snapshot webdata " + SNAP);
    assertThat(engine.volumes).containsKey(SNAP);

    assertRolledBack(Step.SNAPSHOT.stored(), recover());
    assertThat(engine.volumes).doesNotContainKey(SNAP);
    assertThat(engine.calls).noneMatch(c -> c.startsWith("restore"));
    assertThat(data.files).containsExactly(java.util.Map.entry("db.sql", "old schema"));
  }

  @Test
  void killedHalfwayThroughTheCopyDiscardsTheHalfSnapshotAndItsHelper() {
    FakeContainerEngine.Volume data = bed.backedUpVolume(web, "webdata", 3);
    engine.before("snapshot webdata " + SNAP, () -> {
      engine.vol(SNAP).files.put("db.sql", "old sch");
      throw new Killed("snapshot");
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);

    assertRolledBack(Step.SNAPSHOT.stored(), recover());
    assertThat(engine.volumes).doesNotContainKey(SNAP);
    assertThat(engine.calls).contains("remove web-refit-data");
    assertThat(data.files).containsExactly(java.util.Map.entry("db.sql", "old schema"));
  }

  @Test
  void killedAfterTheSnapshotBeforeTheNewOneStartedNeedsNoRestore() {
    bed.backedUpVolume(web, "webdata", 3);
    killAfter("snapshot webdata " + SNAP);

    assertRolledBack(Step.SNAPSHOT.stored(), recover());
    assertThat(engine.calls).noneMatch(c -> c.startsWith("restore"));
    assertThat(engine.volumes).doesNotContainKey(SNAP);
  }

  @Test
  void killedWhileTheNewVersionRanRestoresTheData() {
    FakeContainerEngine.Volume data = bed.backedUpVolume(web, "webdata", 3);
    engine.whenCreated("web", false, b -> data.files.put("db.sql", "new schema"), b -> {
      throw new Killed("health");
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);
    assertThat(data.files).containsEntry("db.sql", "new schema");

    assertRestored(Step.HEALTH.stored(), recover(), data);
  }

  @Test
  void killedHalfwayThroughTheRestoreRestoresAgain() {
    FakeContainerEngine.Volume data = bed.backedUpVolume(web, "webdata", 3);
    engine.whenCreated("web", false, b -> data.files.put("db.sql", "new schema"), b -> b.exit(1));
    engine.before("restore " + SNAP + " webdata", () -> {
      data.files.clear();
      data.files.put("db.sql", "old sch");
      throw new Killed("restore");
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);

    assertRestored(Step.ROLLBACK.stored(), recover(), data);
  }

  @Test
  void killedWhileARollbackWithDataRestoredAKeptSnapshotPutsBackTheDataOfBefore() {
    FakeContainerEngine.Volume data = bed.backedUpVolume(web, "webdata", 3);
    engine.addVolume("webdata-kept", "local", "db.sql", "older schema").complete = true;
    bed.backup = bed.backup.restoring(java.util.Map.of("webdata", "webdata-kept"));
    engine.after("restore webdata-kept webdata", () -> {
      throw new Killed("restore-snapshot");
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);
    assertThat(data.files).containsEntry("db.sql", "older schema");

    assertRestored(Step.RESTORE_SNAPSHOT.stored(), recover(), data);
    assertThat(engine.volumes).containsKey("webdata-kept");
  }

  @Test
  void killedAfterTheCommitKeepsTheSnapshot() {
    bed.backedUpVolume(web, "webdata", 3);
    killBefore("remove " + web.id);

    RecoveryResult result = recover();

    assertThat(result.completed()).isTrue();
    assertThat(engine.volumes.get(SNAP).files).containsExactly(java.util.Map.entry("db.sql", "old schema"));
  }

  private void assertRestored(String step, RecoveryResult result, FakeContainerEngine.Volume data) {
    assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(result.message())
        .isEqualTo("an earlier run stopped at step '" + step + "'; rolled back to app:1, its volumes restored from their snapshots");
    assertThat(data.files).containsExactly(java.util.Map.entry("db.sql", "old schema"));
    assertThat(engine.volumes).doesNotContainKey(SNAP);
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).isEqualTo(web.id);
    assertThat(now.running).isTrue();
    assertThat(engine.calls.indexOf("restore " + SNAP + " webdata"))
        .as("restored before the old container starts")
        .isLessThan(engine.calls.lastIndexOf("start " + web.id));
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  private void killBefore(String call) {
    engine.before(call, () -> {
      throw new Killed(call);
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);
  }

  private void killAfter(String call) {
    engine.after(call, () -> {
      throw new Killed(call);
    });
    assertThatThrownBy(() -> bed.run(web)).isInstanceOf(Killed.class);
  }

  private RecoveryResult recover() {
    List<JournalEntry> left = bed.journal.unfinished();
    assertThat(left).hasSize(1);
    JournalEntry entry = left.get(0);
    bed.time.advance(java.time.Duration.ofSeconds(30));
    return new JournalRecovery(engine, bed.journal, Optional.empty())
        .recover(entry, RecreationPlan.fromJson(entry.plan()));
  }

  private void assertRolledBack(String step, RecoveryResult result) {
    assertThat(result.interruptedAt()).isEqualTo(step);
    assertThat(result.completed()).isFalse();
    assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(result.message())
        .isEqualTo("an earlier run stopped at step '" + step + "'; rolled back to app:1");
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).as("the same old container").isEqualTo(web.id);
    assertThat(now.running).isTrue();
    assertThat(engine.containers()).hasSize(1);
    assertThat(bed.journal.unfinished()).isEmpty();
  }
}
