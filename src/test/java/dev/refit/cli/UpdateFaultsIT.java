package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.rollout.PausePoint;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults around an update: the state disk full at different steps (a small tmpfs as the state
 * directory), a container left as {@code <name>-refit-old} with no journal entry, and a failing
 * new container whose logs print its secrets.
 */
class UpdateFaultsIT {
  private static UpdateTestbed bed;

  @BeforeAll
  static void setUp() {
    bed = new UpdateTestbed("faults-it", null);
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("fault:1.0.0", "LABEL v=1", serve);
    bed.publish("fault:1.0.1", "LABEL v=2", serve);
    bed.publish("leaky:1.0.0", serve);
    bed.publish("leaky:1.0.1", "CMD [\"sh\",\"-c\",\"echo connecting with token $API_TOKEN; exit 3\"]");
  }

  @AfterAll
  static void tearDown() {
    bed.close();
  }

  private static String runFault(String name) {
    return bed.run(
        name,
        """
        {"Image": "%s", "StopTimeout": 1, "Volumes": {"/data": {}}, "HostConfig": {"NetworkMode": "none"}}
        """
            .formatted(bed.image("fault:1.0.0")),
        Map.of());
  }

  @Test
  void aFullStateDiskNeverStrandsAContainer() throws Exception {
    assumeTrue(isRoot(), "mounting a tmpfs needs root");
    Path mount = Files.createDirectories(bed.dir.resolve("small-disk"));
    sh("mount -t tmpfs -o size=1m tmpfs " + mount);
    try {
      Path state = mount.resolve("state");
      Map<String, String> onSmallDisk = Map.of("REFIT_STATE_DIR", state.toString());
      assertThat(bed.refit(onSmallDisk, "history").exitCode()).isZero(); // creates the database
      Path fill = mount.resolve("fill");
      List<String> seen = new ArrayList<>();
      // pages left free: the journal's writes (one WAL frame each) run out at different steps
      for (int pages : new int[] {4, 10, 11, 12}) {
        String name = "full-" + pages;
        String oldId = runFault(name);
        bed.exec(name, "sh", "-c", "echo keep > /data/f");
        Files.deleteIfExists(fill);
        fillLeaving(mount, fill, pages * 4096L);

        RefitCli.Run run = bed.refit(onSmallDisk, "update", name);

        String what = "with " + pages + " pages free: " + run;
        seen.add(pages + " pages free: exit " + run.exitCode() + ": " + lastLines(run.out() + run.err()));
        JsonNode now = bed.inspect(name);
        assertThat(now.path("State").path("Running").asBoolean()).as(what).isTrue();
        assertThat(bed.exists(name + "-refit-old")).as(what).isFalse();
        assertThat(bed.exists(name + "-refit-claim")).as(what).isFalse();
        assertThat(bed.exec(name, "cat", "/data/f")).as(what).isEqualTo("keep\n");
        if (!now.path("Id").asText().equals(oldId)) {
          assertThat(bed.exists(oldId)).as(what).isFalse();
          assertThat(now.path("Config").path("Image").asText()).isEqualTo(bed.image("fault:1.0.1"));
        }
        assertThat(run.out() + run.err()).as(what).doesNotContain("\tat ", "Exception");

        // room again: the next run leaves no journal entry open and the container as it is
        Files.deleteIfExists(fill);
        RefitCli.Run next = bed.refit(onSmallDisk, "update", "--monitor-only", name);
        assertThat(next.out() + next.err()).as(what + "\nnext: " + next).doesNotContain("\tat ", "broken");
        assertThat(unfinished(state)).as(next.toString()).isEmpty();
        assertThat(bed.inspect(name).path("State").path("Running").asBoolean()).isTrue();
        assertThat(bed.exists(name + "-refit-old")).isFalse();
        bed.containers.removeAll();
      }
      System.out.println("full state disk, by pages left free:\n  " + String.join("\n  ", seen));
    } finally {
      sh("umount " + mount);
    }
  }

  /**
   * The disk fills up while Refit waits at a step (journaled, not taken): the journal write of the
   * next step fails, and whatever was done is rolled back.
   */
  @ParameterizedTest(name = "disk full after {0}")
  @ValueSource(strings = {"rename-old", "create-new", "stop-old", "start-new", "health"})
  void aDiskThatFillsUpMidUpdateRollsItBack(String step) throws Exception {
    assumeTrue(isRoot(), "mounting a tmpfs needs root");
    Path mount = Files.createDirectories(bed.dir.resolve("mid-" + step));
    sh("mount -t tmpfs -o size=1m tmpfs " + mount);
    try {
      Path state = mount.resolve("state");
      Path resume = bed.dir.resolve("resume-" + step);
      String name = "mid-" + step;
      String oldId = runFault(name);
      bed.exec(name, "sh", "-c", "echo keep > /data/f");
      // the database exists before the test looks into it while refit runs
      assertThat(bed.refit(Map.of("REFIT_STATE_DIR", state.toString()), "history").exitCode()).isZero();
      Map<String, String> env =
          Map.of(
              "REFIT_STATE_DIR", state.toString(),
              PausePoint.ENV, step,
              PausePoint.RESUME_ENV, resume.toString());
      CompletableFuture<RefitCli.Run> update =
          CompletableFuture.supplyAsync(() -> bed.refit(env, "update", name));
      awaitJournalAt(state, step, update);
      fillLeaving(mount, mount.resolve("fill"), 0);
      Files.createFile(resume);

      RefitCli.Run run = update.get(120, TimeUnit.SECONDS);

      String what = "full after " + step + ": " + run;
      System.out.println(what);
      JsonNode now = bed.inspect(name);
      assertThat(now.path("Id").asText()).as(what).isEqualTo(oldId);
      assertThat(now.path("State").path("Running").asBoolean()).as(what).isTrue();
      assertThat(now.path("Config").path("Image").asText()).as(what).isEqualTo(bed.image("fault:1.0.0"));
      assertThat(bed.exists(name + "-refit-old")).as(what).isFalse();
      assertThat(bed.exists(name + "-refit-claim")).as(what).isFalse();
      assertThat(bed.exec(name, "cat", "/data/f")).isEqualTo("keep\n");
      assertThat(run.out() + run.err()).as(what).doesNotContain("\tat ", "Exception");

      Files.delete(mount.resolve("fill"));
      RefitCli.Run next = bed.refit(Map.of("REFIT_STATE_DIR", state.toString()), "update", "--monitor-only", name);
      assertThat(next.out() + next.err()).as(next.toString()).doesNotContain("\tat ", "broken");
      assertThat(unfinished(state)).as(next.toString()).isEmpty();
      assertThat(bed.inspect(name).path("Id").asText()).isEqualTo(oldId);
      assertThat(bed.inspect(name).path("State").path("Running").asBoolean()).isTrue();
      bed.containers.removeAll();
    } finally {
      sh("umount " + mount);
    }
  }

  private static void awaitJournalAt(Path state, String step, CompletableFuture<RefitCli.Run> update)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (update.isDone()) {
        throw new AssertionError("refit ended before reaching " + step + ": " + update.get());
      }
      if (unfinished(state).stream().anyMatch(e -> e.step().equals(step))) {
        Thread.sleep(300); // the pause follows the journal write
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("refit never reached " + step);
  }

  @Test
  void aParkedContainerNoJournalKnowsGetsItsNameBackUnlessALiveRefitClaimsIt() throws Exception {
    String id = runFault("orph");
    bed.exec("orph", "sh", "-c", "echo keep > /data/f");
    bed.docker.stopContainerCmd(id).withTimeout(1).exec();
    bed.docker.renameContainerCmd(id).withName("orph-refit-old").exec();

    // never a target of its own
    RefitCli.Run check = bed.refit("check");
    assertThat(check.out()).doesNotContain("orph-refit-old").doesNotContain("orph ");

    // a live Refit (this JVM, as far as the claim says) is working on it: left alone
    String claim = liveClaim("orph");
    RefitCli.Run busy = bed.refit("update", "--monitor-only");
    assertThat(busy.out()).doesNotContain("recovered orph");
    assertThat(bed.inspect(id).path("Name").asText()).isEqualTo("/orph-refit-old");
    bed.docker.removeContainerCmd(claim).withForce(true).exec();

    RefitCli.Run repair = bed.refit("update", "--monitor-only");
    assertThat(repair.out())
        .contains(
            "recovered orph: found orph-refit-old with no journal entry and no container named orph:"
                + " gave it its name back and started it");
    JsonNode now = bed.inspect("orph");
    assertThat(now.path("Id").asText()).isEqualTo(id);
    assertThat(now.path("State").path("Running").asBoolean()).isTrue();
    assertThat(bed.exec("orph", "cat", "/data/f")).isEqualTo("keep\n");
    assertThat(bed.history().get(0).message()).contains("gave it its name back");
    bed.containers.removeAll();
  }

  @Test
  void theLastLogLinesOfAFailedContainerMaskItsEnvironmentValues() {
    String secret = "sk-live-4f9a8b7c6d5e";
    bed.run(
        "leaky",
        """
        {"Image": "%s", "StopTimeout": 1, "Env": ["API_TOKEN=%s"], "HostConfig": {"NetworkMode": "none"}}
        """
            .formatted(bed.image("leaky:1.0.0"), secret),
        Map.of());

    RefitCli.Run run = bed.refit("update", "leaky");

    assertThat(run.out()).contains("rolled back").contains("connecting with token ****");
    assertThat(run.out() + run.err()).doesNotContain(secret);
    HistoryEntry last;
    try (Database db = Database.open(bed.stateDir)) {
      last = new UpdateHistory(db).page(0, 10).get(0);
    }
    assertThat(last.message()).contains("connecting with token ****").doesNotContain(secret);
    bed.containers.removeAll();
  }

  /** A claim container as a live Refit leaves it: this JVM's identity, a lease an hour ahead. */
  private static String liveClaim(String target) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    String machine =
        Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + "/"
            + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
    ObjectNode body =
        (ObjectNode)
            UpdateTestbed.json(
                """
                {"Image": "%s", "Labels": {"refit.claim": "%s", "refit.claim.owner": "%s",
                 "refit.claim.pid": "%d", "refit.claim.process-start": "%s",
                 "refit.claim.until": "%s", "refit.claim.token": "it"},
                 "HostConfig": {"NetworkMode": "none"}}
                """
                    .formatted(
                        bed.image("fault:1.0.0"), target, machine, self.pid(),
                        self.info().startInstant().orElseThrow().truncatedTo(ChronoUnit.SECONDS),
                        Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS)));
    return bed.api.createContainer(target + "-refit-claim", body);
  }

  private static void fillLeaving(Path mount, Path fill, long free) throws IOException {
    long available = Files.getFileStore(mount).getUsableSpace();
    long size = Math.max(0, available - free);
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(fill)) {
      for (long written = 0; written < size; written += block.length) {
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
    } catch (IOException full) {
      // full already: as intended for 0 pages
    }
  }

  /** Closed at once: its kept connection would hold the small disk busy, and umount would fail. */
  private static List<JournalEntry> unfinished(Path state) {
    try (Database db = Database.open(state)) {
      return new Journal(db, Clock.systemUTC()).unfinished();
    }
  }

  private static String lastLines(String text) {
    String[] lines = text.strip().split("\n");
    return String.join(" / ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(command + " failed");
    }
  }
}
