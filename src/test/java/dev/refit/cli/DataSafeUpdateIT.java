package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.refit.store.Database;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.ContainerFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code refit.backup=volumes} on the real engine: version 1.0.1 rewrites the data in its volume
 * (a migration) and never becomes healthy; after the rollback version 1.0.0 finds its volume
 * byte-identical (contents, modes, owners, times, links). Refit killed (SIGKILL) halfway through
 * the snapshot or the restore, with a helper left copying, is finished or undone by the next run.
 */
class DataSafeUpdateIT {
  /** Files of every kind, a non-root owner, a mode, a symlink, a dotfile, 300 KB of noise. */
  private static final String FILL =
      "mkdir -p /data/sub && echo schema-v1 > /data/db.sql && head -c 300000 /dev/urandom > /data/blob"
          + " && chown 1234:2345 /data/blob && chmod 640 /data/blob && ln -s db.sql /data/link"
          + " && echo x > /data/.hidden && echo y > /data/sub/z && touch -d '2020-01-02 03:04:05' /data/sub/z";
  /**
   * What "identical" means: every entry's type, mode, owner, size, time, link target, and every
   * file's hash (busybox's ls: {@code --full-time}, it has no {@code -e}). But a symlink's own
   * time: the helper's copy (busybox {@code cp -a}) does not keep it, a known gap.
   */
  private static final String MANIFEST =
      "cd /data && ls -lnR --full-time . | sed -E '/^l/s/ [0-9-]+ [0-9:]+ [+0-9]+ / /'"
          + " && find . -type f | sort | xargs sha256sum";
  /** Version 1.0.1: migrates (rewrites and adds files) and never becomes ready. */
  private static final String MIGRATE_AND_FAIL =
      "trap 'exit 0' TERM; echo schema-v2 > /data/db.sql; rm -f /data/blob; echo new > /data/v2-only;"
          + " sleep 3600 & wait";
  /** Version 1.0.1 of volok: the same migration, and it becomes ready. */
  private static final String MIGRATE_AND_PASS =
      "trap 'exit 0' TERM; echo schema-v2 > /data/db.sql; rm -f /data/blob; echo new > /data/v2-only;"
          + " touch /tmp/ready; sleep 3600 & wait";

  private static UpdateTestbed bed;
  private static String helperImage;
  private final List<String> volumes = new ArrayList<>();

  @BeforeAll
  static void images() {
    bed = new UpdateTestbed("data-safe-it", null);
    bed.publish("vol:1.0.0", "LABEL v=1", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
    bed.publish("vol:1.0.1", "LABEL v=2", "CMD [\"sh\",\"-c\",\"" + MIGRATE_AND_FAIL + "\"]");
    bed.publish("volok:1.0.0", "LABEL v=1", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
    bed.publish("volok:1.0.1", "LABEL v=2", "CMD [\"sh\",\"-c\",\"" + MIGRATE_AND_PASS + "\"]");
    // any image with sh, cp, du and rm: here the test rootfs, never pushed anywhere
    helperImage = bed.image("datahelper:1");
    bed.images.importImage(helperImage, List.of("CMD [\"sh\"]"));
  }

  @AfterAll
  static void tearDown() {
    bed.close();
  }

  @AfterEach
  void removeVolumes() {
    bed.containers.removeAll();
    for (String v : volumes) {
      for (JsonNode snapshot : bed.api.get("/volumes").path("Volumes")) {
        String name = snapshot.path("Name").asText();
        if (name.equals(v) || name.startsWith(v + "-refit-snap-")) {
          removeVolume(name);
        }
      }
    }
  }

  @Test
  void aMigrationThatFailsItsGateLeavesTheOldVersionItsDataByteForByte() {
    String oldId = start("dsafe");
    String before = bed.exec("dsafe", "sh", "-c", MANIFEST);

    RefitCli.Run run = bed.refit(env(), "update", "dsafe");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("rolled back: the new dsafe ")
        .contains("its volumes were restored from the snapshots taken before");
    JsonNode now = bed.inspect("dsafe");
    assertThat(now.path("Id").asText()).isEqualTo(oldId);
    assertThat(now.path("State").path("Running").asBoolean()).isTrue();
    assertThat(bed.exec("dsafe", "sh", "-c", MANIFEST)).isEqualTo(before);
    assertThat(snapshotsOf("dsafe-data")).as("the snapshot goes once restored").isEmpty();
    assertThat(bed.exists("dsafe-refit-data")).as("no helper is left").isFalse();
  }

  @Test
  void aVolumeOverTheLimitIsRefusedInOneLineBeforeAnythingChanges() {
    String oldId = start("dbig");
    String startedAt = bed.inspect("dbig").path("State").path("StartedAt").asText();

    RefitCli.Run run = bed.refit(Map.of("REFIT_UPDATE_BACKUP_IMAGE", helperImage, "REFIT_UPDATE_BACKUP_MAX_SIZE", "100KB"),
        "update", "dbig");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("volume dbig-data holds 3")
        .contains("KB, over update.backupMaxSize (100KB); not updating (raise the limit or remove refit.backup)");
    assertThat(bed.inspect("dbig").path("Id").asText()).isEqualTo(oldId);
    assertThat(bed.inspect("dbig").path("State").path("StartedAt").asText()).as("never stopped").isEqualTo(startedAt);
    assertThat(bed.exists("dbig-refit-old")).isFalse();
    assertThat(bed.history().get(0).outcome()).isEqualTo(UpdateOutcome.FAILED);
    assertThat(snapshotsOf("dbig-data")).isEmpty();
  }

  @Test
  void killedHalfwayThroughTheSnapshotTheNextRunDiscardsItAndStartsTheOldVersionOnItsData() throws Exception {
    String oldId = start("dsnap");
    String before = bed.exec("dsnap", "sh", "-c", MANIFEST);

    bed.killRefitAt("snapshot", env(), "update", "dsnap");
    // what a kill halfway through the copy leaves: the snapshot volume half full, its helper copying
    String snapshot = plannedSnapshot("dsnap-data");
    leaveHelperCopying("dsnap-refit-data", "dsnap-data", snapshot, "cp /from/db.sql /to/ && sleep 3600");

    assertRecovered("dsnap", oldId, before, "snapshot", "rolled back to");
    assertThat(snapshotsOf("dsnap-data")).isEmpty();
  }

  @Test
  void killedHalfwayThroughTheRestoreTheNextRunRestoresAgain() throws Exception {
    String oldId = start("drest");
    String before = bed.exec("drest", "sh", "-c", MANIFEST);

    bed.killRefitAt("restore", env(), "update", "drest");
    // what a kill halfway through the restore leaves: the volume emptied and partly refilled, the
    // helper still at it; the data the new version wrote is gone, the rest not back yet
    String snapshot = plannedSnapshot("drest-data");
    leaveHelperCopying(
        "drest-refit-data", snapshot, "drest-data",
        "rm -rf /to/* /to/.hidden && cp /from/data/db.sql /to/ && sleep 3600");

    assertRecovered(
        "drest", oldId, before, "rollback", "rolled back to " + bed.image("vol:1.0.0") + ", its volumes restored from their snapshots");
    assertThat(snapshotsOf("drest-data")).isEmpty();
  }

  @Test
  void aRollbackWithDataPutsBackTheOldVersionAndItsDataAsTheyWereBeforeTheUpdate() {
    start("dback", "volok", 3);
    String before = bed.exec("dback", "sh", "-c", MANIFEST);
    assertThat(before).contains("./db.sql", "./sub/z");
    RefitCli.Run update = bed.refit(env(), "update", "dback");
    assertThat(update.exitCode()).as(update.toString()).isZero();
    assertThat(bed.exec("dback", "sh", "-c", MANIFEST)).as("migrated").isNotEqualTo(before);

    RefitCli.Run run = bed.refit(env(), "rollback", "dback", "--with-data");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode now = bed.inspect("dback");
    assertThat(now.path("Config").path("Image").asText()).isEqualTo(bed.image("volok:1.0.0"));
    assertThat(now.path("State").path("Running").asBoolean()).isTrue();
    assertThat(bed.exec("dback", "sh", "-c", MANIFEST)).isEqualTo(before);
    assertThat(bed.history().get(0).outcome()).isEqualTo(UpdateOutcome.APPLIED);
  }

  @Test
  void aRollbackWithDataWithoutAKeptSnapshotIsRefusedInOneLineAndChangesNothing() {
    start("dnone", "volok", 0);
    RefitCli.Run update = bed.refit(env(), "update", "dnone");
    assertThat(update.exitCode()).as(update.toString()).isZero();
    String updatedId = bed.inspect("dnone").path("Id").asText();
    String after = bed.exec("dnone", "sh", "-c", MANIFEST);

    RefitCli.Run run = bed.refit(env(), "rollback", "dnone", "--with-data");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("no volume snapshot of dnone kept from when it ran " + bed.image("volok:1.0.0"))
        .contains("nothing changed");
    assertThat(bed.inspect("dnone").path("Id").asText()).isEqualTo(updatedId);
    assertThat(bed.exec("dnone", "sh", "-c", MANIFEST)).isEqualTo(after);
  }

  private void assertRecovered(String name, String oldId, String before, String step, String said) {
    RefitCli.Run next = bed.refit(env(), "update", "--monitor-only", name);

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).contains("recovered " + name + ": an earlier run stopped at step '" + step + "'; " + said);
    JsonNode now = bed.inspect(name);
    assertThat(now.path("Id").asText()).isEqualTo(oldId);
    assertThat(now.path("State").path("Running").asBoolean()).isTrue();
    assertThat(bed.exec(name, "sh", "-c", MANIFEST)).isEqualTo(before);
    assertThat(bed.exists(name + "-refit-data")).isFalse();
    assertThat(bed.unfinishedJournalEntries()).isZero();
  }

  /** Starts NAME on vol:1.0.0 with the volume NAME-data, labelled for snapshots, and fills it. */
  private String start(String name) {
    return start(name, "vol", 3);
  }

  /** Starts NAME on REPOSITORY:1.0.0 with the volume NAME-data, snapshots kept after an update, and fills it. */
  private String start(String name, String repository, int keep) {
    volumes.add(name + "-data");
    String id =
        bed.run(
            name,
            """
            {"Image": "%s", "StopTimeout": 1, "Labels": {"refit.backup": "volumes", "refit.backup.keep": "%d"},
             "Healthcheck": {"Test": ["CMD-SHELL", "test -f /tmp/ready"], "Interval": 500000000, "Retries": 1},
             "HostConfig": {"NetworkMode": "none",
               "Mounts": [{"Type": "volume", "Source": "%s-data", "Target": "/data"}]}}
            """
                .formatted(bed.image(repository + ":1.0.0"), keep, name),
            Map.of());
    bed.exec(name, "sh", "-c", FILL);
    return id;
  }

  private static Map<String, String> env() {
    return Map.of("REFIT_UPDATE_BACKUP_IMAGE", helperImage);
  }

  /** The snapshot volume the unfinished update planned for {@code volume}, created if it is not yet. */
  private static String plannedSnapshot(String volume) {
    List<JournalEntry> open = new Journal(Database.open(bed.stateDir), Clock.systemUTC()).unfinished();
    assertThat(open).hasSize(1);
    String name = UpdateTestbed.json(open.get(0).plan()).path("backup").path("snapshots").path(volume).asText();
    assertThat(name).startsWith(volume + "-refit-snap-");
    bed.api.send("POST", "/volumes/create", UpdateTestbed.json("{\"Name\": \"" + name + "\"}"));
    return name;
  }

  /** A data helper as a killed Refit leaves it: running {@code script} with /from and /to mounted. */
  private static void leaveHelperCopying(String name, String from, String to, String script) {
    bed.run(
        name,
        """
        {"Image": "%s", "Cmd": ["sh", "-c", "%s"], "Labels": {"refit.helper": "data"},
         "HostConfig": {"NetworkMode": "none", "Mounts": [
           {"Type": "volume", "Source": "%s", "Target": "/from", "ReadOnly": true},
           {"Type": "volume", "Source": "%s", "Target": "/to"}]}}
        """
            .formatted(helperImage, script, from, to),
        Map.of());
    assertThat(bed.inspect(name).path("Config").path("Labels").path(ContainerFixture.TEST_LABEL).asText())
        .isEqualTo("true");
  }

  private static List<String> snapshotsOf(String volume) {
    List<String> found = new ArrayList<>();
    for (JsonNode v : bed.api.get("/volumes").path("Volumes")) {
      if (v.path("Name").asText().startsWith(volume + "-refit-snap-")) {
        found.add(v.path("Name").asText());
      }
    }
    return found;
  }

  private static void removeVolume(String name) {
    try {
      bed.api.send("DELETE", "/volumes/" + name, null);
    } catch (NotFoundException gone) {
      // fine
    }
  }
}
