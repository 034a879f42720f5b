package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.config.UpdateSettings;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a data-safe update plans, and every refusal, each one line before anything changes. */
class BackupPlannerTest {
  private final MovableClock time = new MovableClock(Instant.parse("2026-11-30T05:00:00.700Z"));
  private final FakeContainerEngine engine = new FakeContainerEngine(time);
  private Box web;

  @BeforeEach
  void setUp() {
    web = engine.add("web", "app:1", true);
    engine.addVolume("webdata", "local", "db.sql", "0123456789");
    engine.addVolume("cache", "local");
    web.volumes = List.of("webdata", "cache");
    engine.images.add("busybox:1.36");
  }

  @Test
  void plansASnapshotPerVolumeWithTheConfiguredHelper() {
    engine.addVolume("webdata-refit-snap-20261130-050000", "local");

    BackupPlan plan = planner("busybox:1.36", 100).plan(labelled("volumes", "5"), true);

    assertThat(plan.helper()).isEqualTo(DataHelper.plain("web-refit-data", "busybox:1.36"));
    assertThat(plan.snapshots())
        .containsExactly(
            Map.entry("webdata", "webdata-refit-snap-20261130-050000-2"),
            Map.entry("cache", "cache-refit-snap-20261130-050000"));
    assertThat(plan.keep()).isEqualTo(5);
    assertThat(plan.taken()).isEqualTo("2026-11-30T05:00:00Z");
    assertThat(engine.calls).containsExactly("measure");
  }

  @Test
  void refitsOwnImageIsTheHelperWhenNoneIsConfigured() {
    BackupPlan plan =
        new BackupPlanner(engine, settings(null, 100), () -> Optional.of("sha256:refit"), time)
            .plan(labelled("volumes", null), false);

    assertThat(plan.helper().shell()).containsExactly("/opt/refit/bin/busybox", "sh", "-c");
    assertThat(plan.helper().image()).isEqualTo("sha256:refit");
    assertThat(plan.keep()).isEqualTo(BackupPlanner.DEFAULT_KEEP);
    assertThat(engine.calls).as("a dry run measures nothing").isEmpty();
  }

  @Test
  void noLabelOrNoVolumesMeansNoPlan() {
    assertThat(planner("busybox:1.36", 100).plan(web.info(), true)).isNull();
    web.volumes = List.of();
    assertThat(planner("busybox:1.36", 100).plan(labelled("volumes", null), true)).isNull();
  }

  @Test
  void refusals() {
    assertRefused(planner("busybox:1.36", 100), labelled("files", null),
        "label refit.backup='files' is not known; the only kind is 'volumes'");
    assertRefused(planner("busybox:1.36", 100), labelled("volumes", "-1"),
        "label refit.backup.keep='-1' is not a whole number of 0 or more");
    assertRefused(planner("busybox:1.37", 100), labelled("volumes", null),
        "update.backupImage 'busybox:1.37' is not on this engine; pull it first (docker pull busybox:1.37)");
    assertRefused(planner(null, 100), labelled("volumes", null),
        "refit.backup=volumes needs a helper image with sh, cp, du and rm: set update.backupImage"
            + " (REFIT_UPDATE_BACKUP_IMAGE), e.g. busybox:1.36");
    assertRefused(planner("busybox:1.36", 9), labelled("volumes", null),
        "volume webdata holds 1KB, over update.backupMaxSize (9); not updating (raise the limit or remove refit.backup)");
    engine.failAt("measure", new IllegalStateException("the data helper (busybox:1.36) exited with code 127: sh: du: not found"));
    assertRefused(planner("busybox:1.36", 100), labelled("volumes", null),
        "cannot measure its volumes before snapshotting them: the data helper (busybox:1.36) exited with code 127: sh: du: not found");
    engine.addVolume("nfsdata", "nfs-plugin");
    web.volumes = List.of("webdata", "nfsdata");
    assertRefused(planner("busybox:1.36", 100), labelled("volumes", null),
        "volume nfsdata uses the driver 'nfs-plugin': refit.backup=volumes snapshots only local volumes; not updating");
    assertThat(engine.volumes.keySet()).containsExactlyInAnyOrder("webdata", "cache", "nfsdata");
  }

  private static void assertRefused(BackupPlanner planner, ContainerInfo c, String line) {
    assertThatThrownBy(() -> planner.plan(c, true)).isInstanceOf(UpdateFailure.class).hasMessage(line);
  }

  private ContainerInfo labelled(String backup, String keep) {
    ContainerInfo info = web.info();
    ObjectNode labels = (ObjectNode) info.json().path("Config").path("Labels");
    labels.put("refit.backup", backup);
    if (keep != null) {
      labels.put("refit.backup.keep", keep);
    }
    return info;
  }

  private BackupPlanner planner(String image, long maxSize) {
    return new BackupPlanner(engine, settings(image, maxSize), Optional::empty, time);
  }

  private static UpdateSettings settings(String image, long maxSize) {
    return new UpdateSettings(Duration.ofSeconds(2), null, Duration.ofSeconds(5), false, UpdateSettings.DEFAULT_PARALLELISM, image, maxSize);
  }
}
