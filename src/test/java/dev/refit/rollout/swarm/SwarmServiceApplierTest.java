package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.config.SwarmSettings;
import dev.refit.rollout.RecoveryResult;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.OpenDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journaling of service updates, and recovery of one a killed run left unfinished. */
class SwarmServiceApplierTest {
  private static final String OLD = "r/app:1.0.0@sha256:" + "a".repeat(64);
  private static final String NEW = "r/app:1.0.1@sha256:" + "b".repeat(64);

  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  private Journal journal() {
    return new Journal(databases.open(dir), Clock.systemUTC());
  }

  private static ServiceUpdater updater(ScriptedSwarm swarm, Journal journal) {
    return new ServiceUpdater(
        swarm, ServiceJournal.of(journal, "unix:///fake.sock"), Clock.systemUTC(), Duration.ofMillis(1), 3);
  }

  private static SwarmServiceApplier applier(ScriptedSwarm swarm, Journal journal) {
    return new SwarmServiceApplier(
        swarm, updater(swarm, journal), null, registry -> Optional.empty(), journal,
        new SwarmSettings(false, false, Duration.ofSeconds(5)), Clock.systemUTC());
  }

  private static ServiceUpdateRequest request() {
    return new ServiceUpdateRequest(ScriptedSwarm.ID, OLD, NEW, Optional.empty(), false, Duration.ofSeconds(5));
  }

  /** What a run killed after sending the spec leaves in the journal. */
  private static JournalEntry killedAfterSending(Journal journal) {
    ServiceJournal j = ServiceJournal.of(journal, "unix:///fake.sock");
    long id = j.begin(new ServiceJournal.Plan(ScriptedSwarm.ID, "web", OLD, NEW));
    j.step(id, ServiceJournal.WATCH, null);
    return journal.unfinished().get(0);
  }

  @Test
  void journalsEachUpdateAndClosesIt() {
    Journal journal = journal();
    ScriptedSwarm swarm =
        new ScriptedSwarm(OLD).afterUpdate("paused").afterRollback("rollback_completed");

    ServiceUpdateResult result = updater(swarm, journal).update(request(), ServiceUpdateListener.none());

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void nothingIsJournaledWhenNothingIsSent() {
    Journal journal = journal();
    ScriptedSwarm swarm = new ScriptedSwarm(NEW);

    updater(swarm, journal).update(request(), ServiceUpdateListener.none());

    assertThat(journal.unfinished()).isEmpty();
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void recoversAnUpdateSwarmCompletedWithoutRefit() {
    Journal journal = journal();
    JournalEntry entry = killedAfterSending(journal);
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).now(NEW, "completed");
    SwarmServiceApplier applier = applier(swarm, journal);

    assertThat(applier.recovers(entry)).isTrue();
    RecoveryResult r = applier.recover(entry).orElseThrow();

    assertThat(r.completed()).isTrue();
    assertThat(r.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(r.message()).isEqualTo("an earlier run stopped at step 'watch'; service web runs " + NEW);
    assertThat(r.fromImage()).isEqualTo(OLD);
    assertThat(r.toImage()).isEqualTo(NEW);
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void rollsBackAnUpdateThatPausedWhileRefitWasGone() {
    Journal journal = journal();
    JournalEntry entry = killedAfterSending(journal);
    ScriptedSwarm swarm = new ScriptedSwarm(OLD);
    swarm.message = "update paused due to failure";
    swarm.now(NEW, "paused").afterRollback("rollback_completed");

    RecoveryResult r = applier(swarm, journal).recover(entry).orElseThrow();

    assertThat(r.completed()).isFalse();
    assertThat(r.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
    assertThat(r.message())
        .isEqualTo(
            "an earlier run stopped at step 'watch'; the update paused: update paused due to failure;"
                + " rolled back to " + OLD);
    assertThat(swarm.calls).containsExactly("rollback v11");
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void leavesAServiceSomeoneElseChangedAlone() {
    Journal journal = journal();
    JournalEntry entry = killedAfterSending(journal);
    String theirs = "r/app:3.0.0@sha256:" + "c".repeat(64);
    ScriptedSwarm swarm = new ScriptedSwarm(OLD).now(theirs, "completed");

    RecoveryResult r = applier(swarm, journal).recover(entry).orElseThrow();

    assertThat(r.completed()).isFalse();
    assertThat(r.message()).endsWith("service web runs " + theirs + " now: changed by someone else; left alone");
    assertThat(swarm.calls).isEmpty();
  }

  @Test
  void anUnreadableEntryIsReportedAsBroken() {
    Journal journal = journal();
    long id = journal.begin(ServiceJournal.KIND, "x", "web", "h", "{oops", "send-spec");
    JournalEntry entry = journal.unfinished().get(0);

    RecoveryResult r = applier(new ScriptedSwarm(OLD), journal).recover(entry).orElseThrow();

    assertThat(r.outcome()).isEqualTo(UpdateOutcome.BROKEN);
    assertThat(journal.unfinished()).extracting(JournalEntry::id).doesNotContain(id);
  }

  @Test
  void describesTheRolloutConfigWithSwarmsDefaults() throws Exception {
    assertThat(SwarmServiceApplier.rolloutConfig(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{}")))
        .isEqualTo("parallelism 1, order stop-first, on failure pause, monitor 5s");
  }
}
