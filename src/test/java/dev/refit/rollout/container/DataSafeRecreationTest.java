package dev.refit.rollout.container;

import dev.refit.docker.EngineApiException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.rollout.container.FakeContainerEngine.Volume;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit.backup=volumes} in a recreate: the volume is snapshotted once the old container
 * stopped, restored before it starts again when the new one fails, kept (and pruned) when the new
 * one passes.
 */
class DataSafeRecreationTest {
  private static final String SNAP = "webdata-refit-snap-20261130-050000";

  @TempDir Path dir;
  @AutoClose private RecreationTestbed bed;
  private FakeContainerEngine engine;
  private Box web;
  private Volume data;

  @BeforeEach
  void setUp() {
    bed = new RecreationTestbed(dir);
    engine = bed.engine;
    web = engine.add("web", "app:1", true);
    data = bed.backedUpVolume(web, "webdata", 2);
  }

  @Test
  void aNewVersionThatMigratesAndFailsLeavesTheOldOneItsDataAsItWas() {
    engine.whenCreated("web", true, b -> data.files.put("db.sql", "new schema"), b -> {
      data.files.put("added-by-v2", "x");
      b.health = "unhealthy";
    });

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message()).endsWith("; its volumes were restored from the snapshots taken before");
    assertThat(data.files).containsExactly(Map.entry("db.sql", "old schema"));
    assertThat(engine.volumes).as("the snapshot goes once restored").doesNotContainKey(SNAP);
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).isEqualTo(web.id);
    assertThat(now.running).isTrue();
    assertThat(engine.calls)
        .containsSubsequence(
            "stop " + web.id, "create-volume " + SNAP, "snapshot webdata " + SNAP, startOfNew(),
            "restore " + SNAP + " webdata", "remove-volume " + SNAP, "start " + web.id);
    assertThat(bed.journal.unfinished()).isEmpty();
  }

  @Test
  void aSuccessfulUpdateKeepsItsSnapshotAndPrunesBeyondKeep() {
    snapshotSet("webdata-refit-snap-old1", "2026-11-01T00:00:00Z");
    snapshotSet("webdata-refit-snap-old2", "2026-11-02T00:00:00Z");
    engine.addVolume("someone-elses", "local");

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(outcome.message()).isNull();
    assertThat(engine.volumes.keySet())
        .containsExactlyInAnyOrder("webdata", SNAP, "webdata-refit-snap-old2", "someone-elses");
    Volume snap = engine.volumes.get(SNAP);
    assertThat(snap.files).containsExactly(Map.entry("db.sql", "old schema"));
    assertThat(snap.labels)
        .containsEntry(Snapshots.OF_CONTAINER, "web")
        .containsEntry(Snapshots.OF_VOLUME, "webdata")
        .containsEntry(Snapshots.IMAGE, "app:1")
        .containsEntry(Snapshots.TAKEN, "2026-11-30T05:00:00Z");
    assertThat(engine.calls).containsSubsequence("stop " + web.id, "snapshot webdata " + SNAP, startOfNew());
  }

  @Test
  void aSnapshotThatFailsIsUndoneAndTheDataNeverTouched() {
    engine.failAt("snapshot *", new IllegalStateException("the data helper (busybox) exited with code 1: cp: write error: No space left on device"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(outcome.message())
        .isEqualTo("web: cannot snapshot its volumes: the data helper (busybox) exited with code 1: cp: write error: No space left on device");
    assertThat(engine.calls).noneMatch(c -> c.startsWith("restore"));
    assertThat(engine.volumes).doesNotContainKey(SNAP);
    assertThat(data.files).containsExactly(Map.entry("db.sql", "old schema"));
    assertThat(engine.box("web").orElseThrow().running).isTrue();
  }

  @Test
  void aRestoreThatFailsLeavesTheOldContainerStoppedAndTheSnapshotKept() {
    engine.whenCreated("web", false, b -> {}, b -> {
      data.files.put("db.sql", "new schema");
      b.exit(1);
    });
    engine.failAt("restore *", new EngineApiException(500, "no space left on device"));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.BROKEN);
    assertThat(outcome.message())
        .contains("rolling back failed too: web: cannot restore volume webdata from its snapshot " + SNAP
            + ": no space left on device; the old container is left stopped; the data from before is in " + SNAP);
    assertThat(engine.box("web").orElseThrow().id).isEqualTo(web.id);
    assertThat(engine.box("web").orElseThrow().running).isFalse();
    assertThat(engine.volumes.get(SNAP).files).containsExactly(Map.entry("db.sql", "old schema"));
  }

  @Test
  void aRollbackWithDataRestoresAKeptSnapshotAfterTakingAFreshOne() {
    snapshotSet("webdata-refit-snap-kept", "2026-11-01T00:00:00Z").files.put("db.sql", "older schema");
    bed.backup = bed.backup.restoring(Map.of("webdata", "webdata-refit-snap-kept"));
    data.files.put("db.sql", "current schema");

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(data.files).containsExactly(Map.entry("db.sql", "older schema"));
    assertThat(engine.volumes.get(SNAP).files).containsExactly(Map.entry("db.sql", "current schema"));
    assertThat(engine.calls)
        .containsSubsequence("snapshot webdata " + SNAP, "restore webdata-refit-snap-kept webdata", startOfNew());
  }

  @Test
  void aFailedRollbackWithDataPutsBackTheDataOfBefore() {
    snapshotSet("webdata-refit-snap-kept", "2026-11-01T00:00:00Z").files.put("db.sql", "older schema");
    bed.backup = bed.backup.restoring(Map.of("webdata", "webdata-refit-snap-kept"));
    data.files.put("db.sql", "current schema");
    engine.whenCreated("web", false, b -> {}, b -> b.exit(2));

    Recreation.Outcome outcome = bed.run(web);

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(data.files).containsExactly(Map.entry("db.sql", "current schema"));
    assertThat(engine.volumes).containsKey("webdata-refit-snap-kept").doesNotContainKey(SNAP);
  }

  /** The start of the new container: the first start, as the old one is never started before. */
  private String startOfNew() {
    return engine.calls.stream().filter(c -> c.startsWith("start ")).findFirst().orElseThrow();
  }

  private Volume snapshotSet(String name, String taken) {
    engine.createVolume(
        name,
        Map.of(Snapshots.OF_CONTAINER, "web", Snapshots.OF_VOLUME, "webdata", Snapshots.TAKEN, taken,
            Snapshots.IMAGE, "app:0"));
    Volume v = engine.vol(name);
    v.files.put("db.sql", "ancient");
    v.complete = true;
    return v;
  }
}
