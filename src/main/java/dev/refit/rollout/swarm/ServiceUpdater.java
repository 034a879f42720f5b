package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.swarm.ServiceMode;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.ServiceVersionConflictException;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmTask;
import dev.refit.docker.swarm.UpdateStatus;
import dev.refit.settings.Durations;
import dev.refit.store.UpdateOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Updates a Swarm service the way Swarm wants it done: read the service, send its complete spec
 * back with only the image changed (and, if asked, safe rollout defaults filled in), then let
 * Swarm roll it out by the service's own update and rollback config while Refit watches {@code
 * UpdateStatus}. A pause or a timeout makes Refit ask Swarm for a rollback to {@code
 * PreviousSpec}. Each step is journaled before it is taken.
 */
public final class ServiceUpdater {
  private static final Set<String> FINAL =
      Set.of(
          UpdateStatus.COMPLETED,
          UpdateStatus.PAUSED,
          UpdateStatus.ROLLBACK_COMPLETED,
          UpdateStatus.ROLLBACK_PAUSED);

  private final SwarmApi swarm;
  private final ServiceJournal journal;
  private final Clock clock;
  private final Duration pollInterval;
  private final int maxAttempts;

  /**
   * @param pollInterval how often to read the service while watching
   * @param maxAttempts how often to read and send again when someone else keeps updating the
   *     service at the same time
   */
  public ServiceUpdater(
      SwarmApi swarm, ServiceJournal journal, Clock clock, Duration pollInterval, int maxAttempts) {
    this.swarm = swarm;
    this.journal = journal;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.maxAttempts = maxAttempts;
  }

  /** An updater that journals nothing. */
  public ServiceUpdater(SwarmApi swarm, Clock clock, Duration pollInterval, int maxAttempts) {
    this(swarm, ServiceJournal.none(), clock, pollInterval, maxAttempts);
  }

  /** One update under way: what the result and the messages need. */
  private record Attempt(
      String serviceId,
      String name,
      String fromImage,
      String toImage,
      Instant started,
      Duration timeout,
      long journalId) {}

  /**
   * Carries out the update. Failures of the rollout are results; failures to talk to the engine
   * throw, and leave the journal entry open for the next run to finish.
   */
  public ServiceUpdateResult update(ServiceUpdateRequest request, ServiceUpdateListener listener) {
    Instant started = clock.instant();
    long journalId = 0;
    ServiceSnapshot before;
    for (int attempt = 1; ; attempt++) {
      before = swarm.service(request.serviceId());
      Attempt a =
          new Attempt(before.id(), before.name(), before.image(), request.image(), started,
              request.timeout(), journalId);
      String current = before.image();
      if (request.expectedImage() != null
          && !request.expectedImage().equals(current)
          && !request.image().equals(current)) {
        return finish(a, UpdateOutcome.FAILED, false,
            "service " + before.name() + " changed meanwhile: it runs " + current + ", not "
                + request.expectedImage() + "; check it again");
      }
      if (request.image().equals(current)) {
        if (request.expectedImage() != null && !request.expectedImage().equals(current)) {
          // checked on the old image, and someone else (another Refit) rolled ours out meanwhile
          return finish(a, UpdateOutcome.SKIPPED, false,
              "updated meanwhile by another Refit: service " + before.name() + " runs "
                  + request.image() + " already");
        }
        return finish(a, UpdateOutcome.APPLIED, false,
            "service " + before.name() + " already runs " + request.image());
      }
      UpdateStatus rolling = before.updateStatus();
      if (rolling != null
          && (rolling.state().equals(UpdateStatus.UPDATING)
              || rolling.state().equals(UpdateStatus.ROLLBACK_STARTED))) {
        // someone else's rollout is under way (Swarm arbitrated it by the version index): not ours
        return finish(a, UpdateOutcome.SKIPPED, false,
            "being updated by another Refit or user (Swarm: " + rolling.state()
                + (rolling.startedAt() == null ? "" : ", since " + rolling.startedAt()) + ")");
      }
      boolean safe;
      try {
        safe = request.safeDefaults() || SafeDefaults.requestedBy(before.labels());
      } catch (IllegalArgumentException e) {
        return finish(a, UpdateOutcome.FAILED, false, "service " + before.name() + ": " + e.getMessage());
      }
      ObjectNode spec = ServiceSpecs.withImage(before.spec(), request.image());
      List<String> safeChanges = List.of();
      if (safe) {
        SafeDefaults.Applied applied = SafeDefaults.apply(spec);
        spec = applied.spec();
        safeChanges = applied.changes();
      }
      if (journalId == 0) {
        journalId =
            journal.begin(
                new ServiceJournal.Plan(before.id(), before.name(), current, request.image()));
      }
      try {
        swarm.updateService(before.id(), before.version(), spec, request.auth());
        listener.submitted(before.name(), request.image(), safeChanges);
        journal.step(journalId, ServiceJournal.WATCH, null);
        break;
      } catch (ServiceVersionConflictException e) {
        if (attempt >= maxAttempts) {
          return finish(
              new Attempt(before.id(), before.name(), current, request.image(), started,
                  request.timeout(), journalId),
              UpdateOutcome.FAILED, false,
              "service " + before.name() + " kept changing under Refit: " + attempt
                  + " updates refused as out of sequence; try again later");
        }
        listener.conflict(before.name(), attempt);
      }
    }
    Attempt a =
        new Attempt(before.id(), before.name(), before.image(), request.image(), started,
            request.timeout(), journalId);
    return follow(a, before.updateStatus(), listener);
  }

  /**
   * Follows an update an earlier, killed run had sent, to its end: watches Swarm's rollout, asks
   * for a rollback if it paused, and reports how it ended. A service that runs neither image of
   * the plan was changed by someone else and is left alone.
   */
  public ServiceUpdateResult resume(
      ServiceJournal.Plan plan, long journalId, Duration timeout, ServiceUpdateListener listener) {
    Instant started = clock.instant();
    ServiceSnapshot now = swarm.service(plan.serviceId());
    Attempt a =
        new Attempt(now.id(), now.name(), plan.fromImage(), plan.toImage(), started, timeout, journalId);
    UpdateStatus status = now.updateStatus();
    if (plan.toImage().equals(now.image())) {
      if (status == null) {
        return finish(a, UpdateOutcome.APPLIED, true, "service " + now.name() + " runs " + plan.toImage());
      }
      return follow(a, null, listener);
    }
    if (plan.fromImage() != null && plan.fromImage().equals(now.image())) {
      if (status != null && status.isRollback()) {
        return follow(a, null, listener);
      }
      return finish(a, UpdateOutcome.FAILED, false,
          "service " + now.name() + " still runs " + plan.fromImage() + ": the update was never applied");
    }
    return finish(a, UpdateOutcome.FAILED, false,
        "service " + now.name() + " runs " + now.image() + " now: changed by someone else; left alone");
  }

  /** Watches the rollout Swarm began and turns its end into a result, rolling back if needed. */
  private ServiceUpdateResult follow(Attempt a, UpdateStatus stale, ServiceUpdateListener listener) {
    Watch forward = watch(a, stale, true, listener);
    String name = a.name();
    switch (forward.state()) {
      case UpdateStatus.COMPLETED:
        return finish(a, UpdateOutcome.APPLIED, true, "service " + name + " runs " + a.toImage(), List.of());
      case UpdateStatus.ROLLBACK_COMPLETED:
        return finish(a, UpdateOutcome.ROLLED_BACK, true,
            "Swarm rolled service " + name + " back to " + a.fromImage() + ": " + forward.message(),
            forward.taskOutput());
      case UpdateStatus.ROLLBACK_PAUSED:
        return finish(a, UpdateOutcome.BROKEN, true,
            "Swarm's rollback of service " + name + " paused: " + forward.message()
                + "; it needs a look (docker service ps " + name + ")",
            forward.taskOutput());
      case UpdateStatus.ROLLBACK_STARTED:
        return finish(a, UpdateOutcome.BROKEN, true,
            "Swarm's rollback of service " + name + " did not finish within "
                + Durations.format(a.timeout()) + "; it needs a look (docker service ps " + name + ")",
            forward.taskOutput());
      default:
        String reason =
            forward.state().equals(UpdateStatus.PAUSED)
                ? "the update paused: " + forward.message()
                : "the update did not finish within " + Durations.format(a.timeout());
        return rollBack(a, reason, forward.taskOutput(), listener);
    }
  }

  private ServiceUpdateResult rollBack(
      Attempt a, String reason, List<String> taskOutput, ServiceUpdateListener listener) {
    String name = a.name();
    listener.rollingBack(name, reason);
    journal.step(a.journalId(), ServiceJournal.ROLLBACK, reason);
    ServiceSnapshot now;
    for (int attempt = 1; ; attempt++) {
      now = swarm.service(a.serviceId());
      try {
        swarm.rollbackService(now.id(), now.version(), now.spec());
        break;
      } catch (ServiceVersionConflictException e) {
        if (attempt >= maxAttempts) {
          return finish(a, UpdateOutcome.BROKEN, true,
              reason + "; the rollback was refused " + attempt + " times as out of sequence",
              taskOutput);
        }
        listener.conflict(name, attempt);
      }
    }
    Watch back = watch(a, now.updateStatus(), false, listener);
    if (back.state().equals(UpdateStatus.ROLLBACK_COMPLETED)) {
      return finish(
          a, UpdateOutcome.ROLLED_BACK, true, reason + "; rolled back to " + a.fromImage(), taskOutput);
    }
    String why =
        back.state().equals(UpdateStatus.ROLLBACK_PAUSED)
            ? "the rollback paused: " + back.message()
            : "the rollback did not finish within " + Durations.format(a.timeout());
    return finish(a, UpdateOutcome.BROKEN, true,
        reason + "; " + why + "; service " + name + " needs a look (docker service ps " + name + ")",
        taskOutput);
  }

  /**
   * The rollout state a watch ended in ({@code timeout} when none of the final ones came), and what
   * the failed new task said, read when the failure was first seen.
   */
  private record Watch(String state, String message, List<String> taskOutput) {}

  /**
   * Reads the service until its rollout reaches a final state or time runs out. A status that
   * started with {@code stale} belongs to an earlier rollout and is ignored: Swarm sets the new one
   * a moment after accepting the spec.
   *
   * @param forward whether this is the update (whose failed task's output is kept), not a rollback
   */
  private Watch watch(
      Attempt a, UpdateStatus stale, boolean forward, ServiceUpdateListener listener) {
    Duration timeout = a.timeout();
    Instant deadline = clock.instant().plus(timeout);
    RolloutProgress last = null;
    String lastState = "";
    List<String> taskOutput = null;
    while (true) {
      ServiceSnapshot now = swarm.service(a.serviceId());
      UpdateStatus status = now.updateStatus();
      if (status != null && !status.sameRolloutAs(stale)) {
        lastState = status.state();
        if (forward
            && taskOutput == null
            && (status.isRollback() || status.state().equals(UpdateStatus.PAUSED))) {
          taskOutput = FailedTaskOutput.of(swarm, a.serviceId(), a.toImage());
        }
        RolloutProgress progress =
            progress(now, status, status.isRollback() ? a.fromImage() : a.toImage());
        if (!progress.equals(last)) {
          listener.progress(progress);
          last = progress;
        }
        if (FINAL.contains(status.state())) {
          return new Watch(status.state(), status.message(), orNone(taskOutput));
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        if (forward && taskOutput == null) {
          taskOutput = FailedTaskOutput.of(swarm, a.serviceId(), a.toImage());
        }
        return new Watch(
            lastState.startsWith("rollback") ? lastState : "timeout", "", orNone(taskOutput));
      }
      sleep();
    }
  }

  private static List<String> orNone(List<String> lines) {
    return lines == null ? List.of() : lines;
  }

  private RolloutProgress progress(ServiceSnapshot service, UpdateStatus status, String image) {
    List<SwarmTask> tasks = swarm.tasks(service.id());
    int updated = 0;
    Set<String> nodes = new HashSet<>();
    for (SwarmTask task : tasks) {
      if (task.isWanted() && task.isRunning() && task.image().equals(image)) {
        updated++;
      }
      if (task.isWanted() || task.isRunning()) {
        nodes.add(task.nodeId());
      }
    }
    int total = service.mode() == ServiceMode.GLOBAL ? nodes.size() : (int) service.replicas();
    return new RolloutProgress(
        service.name(), status.state(), updated, Math.max(total, updated), status.message());
  }

  private ServiceUpdateResult finish(
      Attempt a, UpdateOutcome outcome, boolean changed, String message) {
    return finish(a, outcome, changed, message, List.of());
  }

  private ServiceUpdateResult finish(
      Attempt a, UpdateOutcome outcome, boolean changed, String message, List<String> taskOutput) {
    journal.finish(a.journalId(), outcome);
    return new ServiceUpdateResult(
        outcome, a.serviceId(), a.name(), a.fromImage(), a.toImage(), message, changed, taskOutput,
        a.started(), clock.instant());
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching a service update", e);
    }
  }
}
