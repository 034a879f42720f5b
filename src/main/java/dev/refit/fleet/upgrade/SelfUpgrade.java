package dev.refit.fleet.upgrade;

import dev.refit.fleet.agent.AgentUpgrader;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.image.ImageReference;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Sleeper;
import dev.refit.store.HistoryEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent upgrading itself: the intent is stored ({@link PendingUpgradeFile}), the agent's own
 * container or service is replaced through Refit's rollout ({@link OwnDeployment}), and the agent
 * process that runs afterwards reads the rollout's verdict from the history and reports it under
 * the command's id. A broken new image is rolled back by the helper (or by Swarm); the old agent
 * comes back and reports the failure with the rollout's message.
 */
public final class SelfUpgrade implements AgentUpgrader {
  /**
   * How long the agent after an upgrade waits for the rollout's verdict: the helper's health gate
   * (the stability window) and Swarm's monitor period are far shorter.
   */
  public static final Duration VERDICT_WAIT = Duration.ofMinutes(5);

  /** Paces the look at the history while the helper or Swarm still judges the new agent. */
  private static final Duration POLL = Duration.ofSeconds(1);

  private final PendingUpgradeFile pending;
  private final OwnDeployment own;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration verdictWait;

  /**
   * @param verdictWait how long a new agent waits for the rollout's verdict (the helper's health
   *     gate) before it judges by the image it runs
   */
  public SelfUpgrade(PendingUpgradeFile pending, OwnDeployment own, Clock clock, Sleeper sleeper, Duration verdictWait) {
    this.pending = pending;
    this.own = own;
    this.clock = clock;
    this.sleeper = sleeper;
    this.verdictWait = verdictWait;
  }

  @Override
  public synchronized CommandReport upgrade(Command command) {
    String commandId = command.id();
    String image = Objects.requireNonNull(command.image(), "UPGRADE_AGENT carries an image");
    Optional<PendingUpgrade> underWay = pending.load();
    if (underWay.isPresent()) {
      return underWay.get().commandId().equals(commandId)
          ? awaitVerdict(underWay.get(), false)
          : failed(commandId, "another upgrade (" + underWay.get().commandId() + ") is under way");
    }
    Optional<OwnDeployment.Self> found;
    try {
      found = own.self();
    } catch (RuntimeException e) {
      return failed(commandId, "cannot find this agent's own container: " + message(e));
    }
    if (found.isEmpty()) {
      return failed(commandId, "this agent does not run in a container or a Swarm service; upgrade it by hand");
    }
    OwnDeployment.Self self = found.get();
    if (sameImage(self.image(), image)) {
      return new CommandReport(commandId, true, "already runs " + image, "");
    }
    // stored before anything changes: the helper may stop this process at any moment from here
    PendingUpgrade p = new PendingUpgrade(commandId, image, self.targetName(), self.image(), clock.instant());
    pending.save(p);
    OwnDeployment.Replacement r;
    try {
      r = own.replace(self, image);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // this process is being stopped mid-replacement, as Swarm stops the agent that sent its own
        // service's update: the stored intent stays, and the agent that runs next reports the verdict
        throw e;
      }
      r = new OwnDeployment.Replacement(OwnDeployment.Replacement.Kind.FAILED, message(e), List.of());
    }
    if (r.kind() == OwnDeployment.Replacement.Kind.HANDED_OVER) {
      // this process normally ends here, stopped by the helper or by Swarm; should it live on,
      // it reports what the rollout decided, like the next process would, or at once that the
      // helper ended without replacing it
      return awaitVerdict(p, true);
    }
    pending.clear();
    boolean ok = r.kind() == OwnDeployment.Replacement.Kind.APPLIED;
    return new CommandReport(
        commandId, ok, ok ? "upgraded from " + self.image() + " to " + image : r.message(), String.join("\n", r.logTail()));
  }

  @Override
  public Optional<String> pending() {
    return pending.load().map(PendingUpgrade::commandId);
  }

  @Override
  public synchronized Optional<CommandReport> resume() {
    return pending.load().map(p -> awaitVerdict(p, false));
  }

  /**
   * Waits for the rollout's verdict in the history (at most {@link #verdictWait}), then forgets the
   * upgrade.
   *
   * @param handedOver this process handed the upgrade over: a helper that ends without a verdict
   *     is the verdict (it will not replace this process any more)
   */
  private CommandReport awaitVerdict(PendingUpgrade p, boolean handedOver) {
    Instant giveUp = clock.instant().plus(verdictWait);
    CommandReport report;
    while (true) {
      // the helper's end first, the history second: a helper records its verdict before it exits
      Optional<OwnDeployment.Replacement> ended =
          handedOver ? own.handOverEnded(p.targetName()) : Optional.empty();
      HistoryEntry verdict = verdict(p);
      if (verdict != null) {
        report = fromHistory(p, verdict);
        break;
      }
      if (ended.isPresent()) {
        report =
            new CommandReport(
                p.commandId(), false,
                "upgrade to " + p.image() + " failed: " + ended.get().message() + "; still runs " + p.fromImage(),
                String.join("\n", ended.get().logTail()));
        break;
      }
      if (!clock.instant().isBefore(giveUp)) {
        report = byRunningImage(p, "no rollout verdict within " + verdictWait);
        break;
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // the stored intent stays: the next start reports it
        throw new IllegalStateException("interrupted while waiting for the upgrade's verdict", e);
      }
    }
    pending.clear();
    return report;
  }

  /** The newest history entry of the rollout to the upgrade's image, started with or after it. */
  private @Nullable HistoryEntry verdict(PendingUpgrade p) {
    for (HistoryEntry e : own.history()) {
      if (e.targetName().equals(p.targetName())
          && e.toImage() != null
          && isUpgradeImage(e.toImage(), p.image())
          // a second of slack: the helper's clock reading may precede the agent's by a hair
          && !e.finishedAt().isBefore(p.startedAt().minusSeconds(1))) {
        return e;
      }
    }
    return null;
  }

  private CommandReport fromHistory(PendingUpgrade p, HistoryEntry e) {
    String what = e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return switch (e.outcome()) {
      case APPLIED -> new CommandReport(p.commandId(), true, "upgraded from " + p.fromImage() + " to " + p.image(), "");
      case ROLLED_BACK, FAILED, BROKEN ->
          new CommandReport(
              p.commandId(), false,
              "upgrade to " + p.image() + " " + what + (e.message() == null ? "" : ": " + e.message()), "");
      // finished by a later run (always so for a service: Swarm stops the agent that sent the
      // update): which way only the running image tells; the recovery's message says why
      case RECOVERED, SKIPPED ->
          byRunningImage(
              p,
              e.message() == null
                  ? "the upgrade was interrupted and " + what
                  : RecoveryResult.withoutInterruption(e.message()));
    };
  }

  private CommandReport byRunningImage(PendingUpgrade p, String why) {
    Optional<OwnDeployment.Self> now;
    try {
      now = own.self();
    } catch (RuntimeException e) {
      now = Optional.empty();
    }
    if (now.isPresent() && isUpgradeImage(now.get().image(), p.image())) {
      return new CommandReport(p.commandId(), true, "upgraded from " + p.fromImage() + " to " + p.image() + " (" + why + ")", "");
    }
    String running = now.map(OwnDeployment.Self::image).orElse("an unknown image");
    return new CommandReport(
        p.commandId(), false, "still runs " + running + " after the upgrade to " + p.image() + " (" + why + ")", "");
  }

  /** The same reference, however the user spelt it. */
  static boolean sameImage(String a, String b) {
    try {
      return ImageReference.parse(a).equals(ImageReference.parse(b));
    } catch (RuntimeException e) {
      return Objects.equals(a, b);
    }
  }

  /**
   * Whether {@code running} (or a history entry's image) is the upgrade's {@code image}: the same
   * repository and tag, and digest when both name one. A Swarm service runs, and its history
   * records, the tag pinned by digest ({@code repo:1.0.1@sha256:...}).
   */
  static boolean isUpgradeImage(String running, String image) {
    try {
      ImageReference x = ImageReference.parse(running);
      ImageReference y = ImageReference.parse(image);
      return x.withoutDigest().equals(y.withoutDigest())
          && (x.digest() == null || y.digest() == null || Objects.equals(x.digest(), y.digest()));
    } catch (RuntimeException e) {
      return Objects.equals(running, image);
    }
  }

  private static CommandReport failed(String commandId, String message) {
    return new CommandReport(commandId, false, message, "");
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
