package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.config.Durations;
import dev.refit.docker.swarm.ServiceMode;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.ServiceVersionConflictException;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmTask;
import dev.refit.docker.swarm.UpdateStatus;
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
 * PreviousSpec}.
 */
public final class ServiceUpdater {
  private final SwarmApi swarm;
  private final Clock clock;
  private final Duration pollInterval;
  private final int maxAttempts;

  /**
   * @param pollInterval how often to read the service while watching
   * @param maxAttempts how often to read and send again when someone else keeps updating the
   *     service at the same time
   */
  public ServiceUpdater(SwarmApi swarm, Clock clock, Duration pollInterval, int maxAttempts) {
    this.swarm = swarm;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.maxAttempts = maxAttempts;
  }

  public ServiceUpdater(SwarmApi swarm) {
    this(swarm, Clock.systemUTC(), Duration.ofSeconds(1), 5);
  }

  /** Carries out the update; failures of the rollout are results, failures to talk to the engine throw. */
  public ServiceUpdateResult update(ServiceUpdateRequest request, ServiceUpdateListener listener) {
    Instant started = clock.instant();
    ServiceSnapshot before = null;
    for (int attempt = 1; ; attempt++) {
      before = swarm.service(request.serviceId());
      String current = before.image();
      if (request.expectedImage() != null && !request.expectedImage().equals(current)) {
        return result(
            UpdateOutcome.FAILED, before, request, started, false,
            "service " + before.name() + " changed meanwhile: it runs " + current + ", not "
                + request.expectedImage() + "; check it again");
      }
      if (request.image().equals(current)) {
        return result(
            UpdateOutcome.APPLIED, before, request, started, false,
            "service " + before.name() + " already runs " + request.image());
      }
      boolean safe;
      try {
        safe = request.safeDefaults() || SafeDefaults.requestedBy(before.labels());
      } catch (IllegalArgumentException e) {
        return result(UpdateOutcome.FAILED, before, request, started, false,
            "service " + before.name() + ": " + e.getMessage());
      }
      ObjectNode spec = ServiceSpecs.withImage(before.spec(), request.image());
      List<String> safeChanges = List.of();
      if (safe) {
        SafeDefaults.Applied applied = SafeDefaults.apply(spec);
        spec = applied.spec();
        safeChanges = applied.changes();
      }
      try {
        swarm.updateService(before.id(), before.version(), spec, request.auth());
        listener.submitted(before.name(), request.image(), safeChanges);
        break;
      } catch (ServiceVersionConflictException e) {
        if (attempt >= maxAttempts) {
          return result(
              UpdateOutcome.FAILED, before, request, started, false,
              "service " + before.name() + " kept changing under Refit: " + attempt
                  + " updates refused as out of sequence; try again later");
        }
        listener.conflict(before.name(), attempt);
      }
    }

    Watch forward =
        watch(before, before.updateStatus(), request.image(), before.image(), request.timeout(), listener);
    String name = before.name();
    switch (forward.state()) {
      case UpdateStatus.COMPLETED:
        return result(UpdateOutcome.APPLIED, before, request, started, true,
            "service " + name + " runs " + request.image());
      case UpdateStatus.ROLLBACK_COMPLETED:
        return result(UpdateOutcome.ROLLED_BACK, before, request, started, true,
            "Swarm rolled service " + name + " back to " + before.image() + ": "
                + forward.message());
      case UpdateStatus.ROLLBACK_PAUSED:
        return result(UpdateOutcome.BROKEN, before, request, started, true,
            "Swarm's rollback of service " + name + " paused: " + forward.message()
                + "; it needs a look (docker service ps " + name + ")");
      case UpdateStatus.ROLLBACK_STARTED:
        return result(UpdateOutcome.BROKEN, before, request, started, true,
            "Swarm's rollback of service " + name + " did not finish within "
                + Durations.format(request.timeout()) + "; it needs a look (docker service ps " + name + ")");
      default:
        String reason =
            forward.state().equals(UpdateStatus.PAUSED)
                ? "the update paused: " + forward.message()
                : "the update did not finish within " + Durations.format(request.timeout());
        return rollBack(before, request, started, reason, listener);
    }
  }

  private ServiceUpdateResult rollBack(
      ServiceSnapshot before,
      ServiceUpdateRequest request,
      Instant started,
      String reason,
      ServiceUpdateListener listener) {
    String name = before.name();
    listener.rollingBack(name, reason);
    ServiceSnapshot now = null;
    for (int attempt = 1; ; attempt++) {
      now = swarm.service(before.id());
      try {
        swarm.rollbackService(now.id(), now.version(), now.spec());
        break;
      } catch (ServiceVersionConflictException e) {
        if (attempt >= maxAttempts) {
          return result(UpdateOutcome.BROKEN, before, request, started, true,
              reason + "; the rollback was refused " + attempt + " times as out of sequence");
        }
        listener.conflict(name, attempt);
      }
    }
    Watch back =
        watch(now, now.updateStatus(), request.image(), before.image(), request.timeout(), listener);
    if (back.state().equals(UpdateStatus.ROLLBACK_COMPLETED)) {
      return result(UpdateOutcome.ROLLED_BACK, before, request, started, true,
          reason + "; rolled back to " + before.image());
    }
    String why =
        back.state().equals(UpdateStatus.ROLLBACK_PAUSED)
            ? "the rollback paused: " + back.message()
            : "the rollback did not finish within " + Durations.format(request.timeout());
    return result(UpdateOutcome.BROKEN, before, request, started, true,
        reason + "; " + why + "; service " + name + " needs a look (docker service ps " + name + ")");
  }

  /** The rollout state a watch ended in, {@code timeout} when none of the final ones came. */
  private record Watch(String state, String message) {}

  private static final Set<String> FINAL =
      Set.of(
          UpdateStatus.COMPLETED,
          UpdateStatus.PAUSED,
          UpdateStatus.ROLLBACK_COMPLETED,
          UpdateStatus.ROLLBACK_PAUSED);

  /**
   * Reads the service until its rollout reaches a final state or time runs out. A status that
   * started with {@code stale} belongs to an earlier rollout and is ignored: Swarm sets the new one
   * a moment after accepting the spec.
   *
   * @param newImage what the tasks run once updated
   * @param oldImage what they run once rolled back
   */
  private Watch watch(
      ServiceSnapshot service,
      UpdateStatus stale,
      String newImage,
      String oldImage,
      Duration timeout,
      ServiceUpdateListener listener) {
    Instant deadline = clock.instant().plus(timeout);
    RolloutProgress last = null;
    String lastState = "";
    while (true) {
      ServiceSnapshot now = swarm.service(service.id());
      UpdateStatus status = now.updateStatus();
      if (status != null && !status.sameRolloutAs(stale)) {
        lastState = status.state();
        RolloutProgress progress = progress(now, status, status.isRollback() ? oldImage : newImage);
        if (!progress.equals(last)) {
          listener.progress(progress);
          last = progress;
        }
        if (FINAL.contains(status.state())) {
          return new Watch(status.state(), status.message());
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        return new Watch(lastState.startsWith("rollback") ? lastState : "timeout", "");
      }
      sleep();
    }
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
    int total =
        service.mode() == ServiceMode.GLOBAL ? nodes.size() : (int) service.replicas();
    return new RolloutProgress(
        service.name(), status.state(), updated, Math.max(total, updated), status.message());
  }

  private ServiceUpdateResult result(
      UpdateOutcome outcome,
      ServiceSnapshot before,
      ServiceUpdateRequest request,
      Instant started,
      boolean changed,
      String message) {
    return new ServiceUpdateResult(
        outcome, before.id(), before.name(), before.image(), request.image(), message, changed,
        started, clock.instant());
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
