package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.config.UpdateSettings;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.rollout.container.VolumeSnapshots.SnapshotSet;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kept snapshot sets a rollback with data picks from, and how it plans their restore. */
class VolumeSnapshotsTest {
  private final MovableClock time = new MovableClock(Instant.parse("2026-11-30T05:00:00Z"));
  private final FakeContainerEngine engine = new FakeContainerEngine(time);
  private final VolumeSnapshots snapshots = new VolumeSnapshots(engine);

  @Test
  void setsOfOneContainerNewestFirstWithTheImageWhoseDataTheyHold() {
    snapshot("db", "dbdata", "dbdata-refit-snap-1", "2026-11-01T00:00:00Z", "app:1.0");
    snapshot("db", "dblogs", "dblogs-refit-snap-1", "2026-11-01T00:00:00Z", "app:1.0");
    snapshot("db", "dbdata", "dbdata-refit-snap-2", "2026-11-02T00:00:00Z", "app:1.1");
    snapshot("other", "otherdata", "otherdata-refit-snap-1", "2026-11-03T00:00:00Z", "app:1.1");
    engine.createVolume("not-refits", Map.of(Snapshots.OF_CONTAINER, "db", Snapshots.TAKEN, "yesterday"));

    List<SnapshotSet> sets = snapshots.of("db");

    assertThat(sets)
        .containsExactly(
            new SnapshotSet("db", Instant.parse("2026-11-02T00:00:00Z"), "app:1.1", Map.of("dbdata", "dbdata-refit-snap-2")),
            new SnapshotSet(
                "db", Instant.parse("2026-11-01T00:00:00Z"), "app:1.0",
                Map.of("dbdata", "dbdata-refit-snap-1", "dblogs", "dblogs-refit-snap-1")));
    assertThat(snapshots.latestFor("db")).contains(sets.get(0));
    assertThat(snapshots.latestFor("db", "app:1.0")).contains(sets.get(1));
    assertThat(snapshots.latestFor("db", "app:0.9")).isEmpty();
    assertThat(snapshots.latestFor("nobody")).isEmpty();
  }

  @Test
  void aRestoreIsPlannedOnlyForVolumesTheContainerStillMounts() {
    Box db = engine.add("db", "app:1.1", true);
    engine.addVolume("dbdata", "local");
    db.volumes = List.of("dbdata");
    snapshot("db", "dbdata", "dbdata-refit-snap-1", "2026-11-01T00:00:00Z", "app:1.0");
    engine.images.add("busybox");
    BackupPlanner planner =
        new BackupPlanner(
            engine,
            new UpdateSettings(Duration.ofSeconds(1), null, Duration.ofSeconds(1), false, 1, "busybox", 1 << 20),
            Optional::empty,
            time);

    BackupPlan plan = planner.restoring(db.info(), Map.of("dbdata", "dbdata-refit-snap-1"));

    assertThat(plan.snapshots()).containsOnlyKeys("dbdata");
    assertThat(plan.restoreFrom()).containsExactly(Map.entry("dbdata", "dbdata-refit-snap-1"));
    assertThatThrownBy(() -> planner.restoring(db.info(), Map.of("olddata", "dbdata-refit-snap-1")))
        .hasMessage("the snapshot holds volume olddata, which db does not mount (writable) any more");
    assertThatThrownBy(() -> planner.restoring(db.info(), Map.of("dbdata", "gone-snap")))
        .hasMessage("the snapshot volume gone-snap is gone");
  }

  private void snapshot(String container, String volume, String name, String taken, String image) {
    engine.createVolume(
        name,
        Map.of(Snapshots.OF_CONTAINER, container, Snapshots.OF_VOLUME, volume, Snapshots.TAKEN, taken,
            Snapshots.IMAGE, image));
    engine.vol(name).complete = true;
  }
}
