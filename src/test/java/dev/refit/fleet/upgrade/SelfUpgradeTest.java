package dev.refit.fleet.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.rollout.RecoveryResult;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-upgrade across the agent's replacement: one {@link SelfUpgrade} starts it (and its
 * process ends), another on the same state directory — the new agent, or the old one put back —
 * reports it under the command's id.
 */
class SelfUpgradeTest {
  private static final String OLD = "127.0.0.1:5000/refit:1.0.0";
  private static final String NEW = "127.0.0.1:5000/refit:1.1.0";

  @TempDir Path stateDir;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));

  /** The agent's container as a script: what it runs, what replacing it does, the history. */
  private final class FakeDeployment implements OwnDeployment {
    String running = OLD;
    Replacement.Kind onReplace = Replacement.Kind.HANDED_OVER;
    final List<HistoryEntry> history = new ArrayList<>();
    int replaced;
    boolean stoppedMidway;
    /** What {@link #handOverEnded} answers: the helper's end, once it ended. */
    Optional<Replacement> helperEnd = Optional.empty();
    int helperAsked;

    @Override
    public Optional<Self> self() {
      return Optional.of(new Self("refit-agent", running));
    }

    @Override
    public Replacement replace(Self self, String image) {
      replaced++;
      if (stoppedMidway) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while watching a service update");
      }
      return new Replacement(onReplace, onReplace == Replacement.Kind.FAILED ? "failed: cannot pull " + image : "", List.of("pull error"));
    }

    @Override
    public Optional<Replacement> handOverEnded(String targetName) {
      helperAsked++;
      return helperEnd;
    }

    @Override
    public List<HistoryEntry> history() {
      return history;
    }

    void record(UpdateOutcome outcome, String message) {
      record(OLD, NEW, outcome, message);
    }

    void record(String from, String to, UpdateOutcome outcome, String message) {
      history.add(0, HistoryEntry.of("container", "refit-agent", "unix:///var/run/docker.sock")
          .between(clock.instant(), clock.instant()).images(from, to).outcome(outcome, message).trigger("self-update").build());
    }
  }

  private final FakeDeployment own = new FakeDeployment();

  private SelfUpgrade agent() {
    return new SelfUpgrade(new PendingUpgradeFile(stateDir), own, clock, clock::advance, Duration.ofMinutes(2));
  }

  @Test
  void theNewAgentReportsTheUpgradeTheOldOneStarted() {
    handOverAndDie("c1/edge");
    assertThat(own.replaced).isEqualTo(1);

    // the helper recreated the container and its gate passed; the new agent starts
    clock.advance(Duration.ofSeconds(20));
    own.running = NEW;
    own.record(UpdateOutcome.APPLIED, null);
    assertThat(agent().pending()).contains("c1/edge");
    Optional<CommandReport> report = agent().resume();

    assertThat(report).hasValueSatisfying(r -> {
      assertThat(r.commandId()).isEqualTo("c1/edge");
      assertThat(r.succeeded()).isTrue();
      assertThat(r.message()).isEqualTo("upgraded from " + OLD + " to " + NEW);
    });
    assertThat(agent().resume()).as("reported once").isEmpty();
    assertThat(agent().pending()).isEmpty();
  }

  /** Starts the upgrade; the helper stops this process while it waits for the verdict. */
  private void handOverAndDie(String id) {
    SelfUpgrade dying =
        new SelfUpgrade(new PendingUpgradeFile(stateDir), own, clock, d -> {
          throw new InterruptedException("stopped by the helper");
        }, Duration.ofMinutes(2));
    assertThatThrownBy(() -> dying.upgrade(Command.upgradeAgent(id, NEW))).hasMessageContaining("interrupted");
    Thread.interrupted();
  }

  @Test
  void aBrokenImageIsRolledBackAndTheOldAgentReportsWhy() {
    handOverAndDie("c1/edge");
    clock.advance(Duration.ofSeconds(30));
    own.record(UpdateOutcome.ROLLED_BACK, "the new container exited with 1");

    CommandReport r = agent().resume().orElseThrow();

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).isEqualTo("upgrade to " + NEW + " rolled back: the new container exited with 1");
  }

  @Test
  void theNewAgentWaitsForTheHelpersVerdictThenJudgesByItsImage() {
    handOverAndDie("c1/edge");
    own.running = NEW;

    CommandReport r = agent().resume().orElseThrow();

    assertThat(r.succeeded()).isTrue();
    assertThat(r.message()).endsWith("(no rollout verdict within PT2M)");
    assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2026-11-30T10:02:00Z"));
  }

  @Test
  void anotherUpgradeIsRefusedWhileOneIsUnderWay() {
    handOverAndDie("c1/edge");

    assertThat(agent().upgrade(Command.upgradeAgent("c2/edge", NEW)).message()).isEqualTo("another upgrade (c1/edge) is under way");
    assertThat(own.replaced).isEqualTo(1);
  }

  @Test
  void anAgentThatOutlivesTheHandOverReportsTheVerdictItself() {
    own.record(UpdateOutcome.APPLIED, null);
    clock.advance(Duration.ofMinutes(5));
    // an old verdict does not count: the one recorded after the hand-over does
    SelfUpgrade agent = new SelfUpgrade(new PendingUpgradeFile(stateDir), own, clock, d -> {
      clock.advance(d);
      if (own.history.size() == 1) {
        own.record(UpdateOutcome.ROLLED_BACK, "unhealthy");
      }
    }, Duration.ofMinutes(2));

    CommandReport r = agent.upgrade(Command.upgradeAgent("c1/edge", NEW));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).isEqualTo("upgrade to " + NEW + " rolled back: unhealthy");
    assertThat(agent.pending()).isEmpty();
  }

  @Test
  void aHelperThatEndsWithoutAVerdictIsReportedAtOnceByTheAgentThatHandedOver() {
    // the new image cannot even run its self-update helper: nothing will replace this agent
    SelfUpgrade agent = new SelfUpgrade(new PendingUpgradeFile(stateDir), own, clock, d -> {
      clock.advance(d);
      own.helperEnd = Optional.of(new OwnDeployment.Replacement(OwnDeployment.Replacement.Kind.FAILED,
          "the self-update helper refit-agent-refit-helper exited with 1 before it replaced refit-agent",
          List.of("exec /opt/refit/bin/refit: exec format error")));
    }, Duration.ofMinutes(2));

    CommandReport r = agent.upgrade(Command.upgradeAgent("c1/edge", NEW));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).isEqualTo("upgrade to " + NEW + " failed: the self-update helper refit-agent-refit-helper"
        + " exited with 1 before it replaced refit-agent; still runs " + OLD);
    assertThat(r.logTail()).isEqualTo("exec /opt/refit/bin/refit: exec format error");
    assertThat(clock.instant()).as("no wait for the verdict timeout").isBefore(Instant.parse("2026-11-30T10:00:05Z"));
    assertThat(agent.pending()).isEmpty();
  }

  @Test
  void aHelperThatRecordedItsVerdictBeforeItExitedIsJudgedByTheVerdict() {
    SelfUpgrade agent = new SelfUpgrade(new PendingUpgradeFile(stateDir), own, clock, d -> {
      clock.advance(d);
      own.record(UpdateOutcome.ROLLED_BACK, "the new refit-agent unhealthy");
      own.helperEnd = Optional.of(new OwnDeployment.Replacement(OwnDeployment.Replacement.Kind.FAILED,
          "the self-update helper refit-agent-refit-helper exited with 1", List.of()));
    }, Duration.ofMinutes(2));

    CommandReport r = agent.upgrade(Command.upgradeAgent("c1/edge", NEW));

    assertThat(r.message()).isEqualTo("upgrade to " + NEW + " rolled back: the new refit-agent unhealthy");
  }

  @Test
  void theNextAgentDoesNotWatchAHelper() {
    handOverAndDie("c1/edge");
    own.helperAsked = 0;
    clock.advance(Duration.ofSeconds(30));
    own.record(UpdateOutcome.ROLLED_BACK, "the new container exited with 1");

    agent().resume().orElseThrow();

    assertThat(own.helperAsked).as("only the process that handed over asks").isZero();
  }

  @Test
  void aFailureBeforeTheHandoverIsReportedAtOnceAndLeavesNothingPending() {
    own.onReplace = OwnDeployment.Replacement.Kind.FAILED;

    CommandReport r = agent().upgrade(Command.upgradeAgent("c1/edge", NEW));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).isEqualTo("failed: cannot pull " + NEW);
    assertThat(r.logTail()).isEqualTo("pull error");
    assertThat(agent().resume()).isEmpty();
  }

  /** Swarm stops the agent that sent its own service's update: nothing is reported, the intent stays. */
  private void stoppedBySwarm(String id) {
    own.stoppedMidway = true;
    assertThatThrownBy(() -> agent().upgrade(Command.upgradeAgent(id, NEW))).hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
    own.stoppedMidway = false;
  }

  @Test
  void aServiceRolledBackBySwarmIsReportedByTheOldAgentFromTheRecoveredJournal() {
    stoppedBySwarm("c1/swarm");
    assertThat(agent().pending()).contains("c1/swarm");
    // the old image is back (pinned, as a service runs it); the journal's recovery recorded why
    own.running = OLD + "@sha256:" + "a".repeat(64);
    clock.advance(Duration.ofSeconds(20));
    own.record(own.running, NEW + "@sha256:" + "b".repeat(64), UpdateOutcome.RECOVERED,
        RecoveryResult.interrupted("watch") + "Swarm rolled service refit-agent back to " + own.running
            + ": rollback completed");

    CommandReport r = agent().resume().orElseThrow();

    assertThat(r.succeeded()).isFalse();
    assertThat(r.message()).isEqualTo("still runs " + own.running + " after the upgrade to " + NEW
        + " (Swarm rolled service refit-agent back to " + own.running + ": rollback completed)");
  }

  @Test
  void aServiceUpdatedToThePinnedNewImageIsReportedUpgraded() {
    stoppedBySwarm("c1/swarm");
    own.running = NEW + "@sha256:" + "b".repeat(64);
    clock.advance(Duration.ofSeconds(20));
    own.record(OLD, own.running, UpdateOutcome.RECOVERED, RecoveryResult.interrupted("watch") + "Swarm finished the update");

    CommandReport r = agent().resume().orElseThrow();

    assertThat(r.succeeded()).isTrue();
    assertThat(r.message()).isEqualTo("upgraded from " + OLD + " to " + NEW + " (Swarm finished the update)");
  }

  @Test
  void theUpgradesImageIsRecognisedPinnedByDigest() {
    String digest = "@sha256:" + "a".repeat(64);
    assertThat(SelfUpgrade.isUpgradeImage(NEW + digest, NEW)).isTrue();
    assertThat(SelfUpgrade.isUpgradeImage(NEW + digest, NEW + "@sha256:" + "b".repeat(64))).isFalse();
    assertThat(SelfUpgrade.isUpgradeImage(OLD + digest, NEW)).isFalse();
    // but a service pinned to the tag's old digest is upgraded to what the tag names now
    assertThat(SelfUpgrade.sameImage(NEW + digest, NEW)).isFalse();
  }

  @Test
  void anAgentAlreadyOnTheImageSucceedsWithoutTouchingAnything() {
    own.running = NEW;
    assertThat(agent().upgrade(Command.upgradeAgent("c1/edge", NEW)).succeeded()).isTrue();
    assertThat(own.replaced).isZero();
  }
}
