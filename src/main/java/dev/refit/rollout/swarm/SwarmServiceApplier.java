package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.check.AvailableUpdate;
import dev.refit.config.SwarmSettings;
import dev.refit.docker.DockerEngineException;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.plan.UpdatePlan;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import dev.refit.rollout.Applier;
import dev.refit.rollout.JournalKind;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.RolloutResult;
import dev.refit.settings.Durations;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The applier of Swarm services: pins the new image by the digest the registry serves for it now,
 * finds the registry's credentials, and has the {@link ServiceUpdater} send the service's spec back
 * with only the image changed; Swarm rolls it out by the service's own rollout config. A failed
 * update carries the output of the new task that failed.
 */
public final class SwarmServiceApplier implements Applier {
  private final SwarmApi swarm;
  private final ServiceUpdater updater;
  private final RegistryClient registry;
  private final CredentialStore credentials;
  private final Journal journal;
  private final SwarmSettings settings;
  private final Clock clock;

  public SwarmServiceApplier(
      SwarmApi swarm,
      RegistryClient registry,
      CredentialStore credentials,
      Journal journal,
      SwarmSettings settings,
      Clock clock) {
    this(
        swarm,
        new ServiceUpdater(swarm, ServiceJournal.of(journal, swarm.host()), clock, Duration.ofSeconds(1), 5),
        registry,
        credentials,
        journal,
        settings,
        clock);
  }

  SwarmServiceApplier(
      SwarmApi swarm,
      ServiceUpdater updater,
      RegistryClient registry,
      CredentialStore credentials,
      Journal journal,
      SwarmSettings settings,
      Clock clock) {
    this.swarm = swarm;
    this.updater = updater;
    this.registry = registry;
    this.credentials = credentials;
    this.journal = journal;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.SERVICE;
  }

  /**
   * The image to run, pinned: {@code repo:tag@sha256:...} with the digest the check found, else
   * the digest the registry serves for the new tag now.
   *
   * @throws RegistryException when the registry cannot say
   */
  String pinnedImage(AvailableUpdate update) {
    ImageReference byTag = update.image().withoutDigest();
    Digest digest = update.digest() != null ? update.digest() : registry.headManifest(byTag).digest();
    return byTag.withDigest(digest).familiarForm();
  }

  @Override
  public RolloutResult apply(UpdatePlan plan, RolloutListener listener) {
    Target target = plan.target();
    Instant started = clock.instant();
    String fromDigest =
        plan.check().currentDigest() == null ? null : plan.check().currentDigest().toString();
    String wanted = plan.update().image().familiarForm();
    try {
      listener.step(target, "resolving " + wanted);
      String pinned = pinnedImage(plan.update());
      Optional<RegistryAuth> auth = RegistryAuth.forImage(plan.update().image(), credentials);
      ServiceUpdateResult r =
          updater.update(
              new ServiceUpdateRequest(
                  target.id(), target.image(), pinned, auth, settings.safeDefaults(),
                  settings.updateTimeout()),
              new Steps(target, listener));
      return new RolloutResult(
          target, RolloutOutcome.valueOf(r.outcome().name()), r.fromImage(), r.toImage(),
          fromDigest, digestOf(pinned), r.message(), r.taskOutput(), r.startedAt(), r.finishedAt());
    } catch (RegistryException e) {
      return failed(target, wanted, fromDigest, "cannot pin " + wanted + " by digest: " + e.getMessage(), started);
    } catch (DockerEngineException e) {
      return failed(target, wanted, fromDigest, e.getMessage(), started);
    }
  }

  private RolloutResult failed(
      Target target, String toImage, String fromDigest, String message, Instant started) {
    return new RolloutResult(
        target, RolloutOutcome.FAILED, target.image(), toImage, fromDigest, null, message, List.of(),
        started, clock.instant());
  }

  @Override
  public List<String> preview(UpdatePlan plan) {
    Target target = plan.target();
    try {
      ServiceSnapshot service = swarm.service(target.id());
      String pinned = pinnedImage(plan.update());
      List<String> lines = new ArrayList<>();
      lines.add("sends the spec of service " + service.name() + " back with only the image changed:");
      lines.add("  " + service.image() + " -> " + pinned);
      ObjectNode spec = ServiceSpecs.withImage(service.spec(), pinned);
      if (settings.safeDefaults() || SafeDefaults.requestedBy(service.labels())) {
        List<String> changes = SafeDefaults.apply(spec).changes();
        if (!changes.isEmpty()) {
          lines.add("fills in safe rollout defaults: " + String.join(", ", changes));
          spec = SafeDefaults.apply(spec).spec();
        }
      }
      lines.add("Swarm rolls it out: " + rolloutConfig(spec.path("UpdateConfig")));
      RegistryAuth.forImage(plan.update().image(), credentials)
          .ifPresent(a -> lines.add("sends the credentials for " + a.registry() + " with it"));
      lines.add(
          "waits up to " + Durations.format(settings.updateTimeout())
              + " for Swarm; a pause or the timeout rolls it back");
      return lines;
    } catch (RegistryException | DockerEngineException | IllegalArgumentException e) {
      return List.of("cannot update: " + e.getMessage());
    }
  }

  /** The update config in words, with Swarm's defaults where the spec has none. */
  static String rolloutConfig(JsonNode update) {
    long monitor = update.path("Monitor").asLong(0);
    return "parallelism " + update.path("Parallelism").asLong(1)
        + ", order " + update.path("Order").asText("stop-first")
        + ", on failure " + update.path("FailureAction").asText("pause")
        + ", monitor " + Durations.format(monitor == 0 ? SafeDefaults.SWARM_DEFAULT_MONITOR : Duration.ofNanos(monitor));
  }

  @Override
  public boolean recovers(JournalEntry entry) {
    return JournalKind.SERVICE_UPDATE.is(entry.kind());
  }

  /**
   * Finds out how the rollout of a killed run ended: Swarm carried on without Refit, so Refit
   * follows it to its end (rolling back a paused one), and records what happened.
   */
  @Override
  public Optional<RecoveryResult> recover(JournalEntry entry) {
    ServiceJournal.Plan plan;
    try {
      plan = ServiceJournal.Plan.fromJson(entry.plan());
    } catch (IllegalArgumentException e) {
      journal.finish(entry.id(), UpdateOutcome.BROKEN.name());
      return Optional.of(
          RecoveryResult.of(entry)
              .undone(
                  UpdateOutcome.BROKEN,
                  "the journal entry cannot be read (" + e.getMessage() + "); check the service by hand"));
    }
    String stopped = RecoveryResult.interrupted(entry.step());
    ServiceUpdateResult r;
    try {
      r = updater.resume(plan, entry.id(), settings.updateTimeout(), ServiceUpdateListener.none());
    } catch (DockerEngineException e) {
      if (e.status() != 404) {
        throw e;
      }
      journal.finish(entry.id(), UpdateOutcome.RECOVERED.name());
      return Optional.of(
          RecoveryResult.of(entry)
              .named(plan.service())
              .images(plan.fromImage(), plan.toImage())
              .undone(UpdateOutcome.RECOVERED, stopped + "the service no longer exists"));
    }
    UpdateOutcome outcome = r.outcome() == UpdateOutcome.BROKEN ? UpdateOutcome.BROKEN : UpdateOutcome.RECOVERED;
    RecoveryResult.Builder result =
        RecoveryResult.of(entry).named(plan.service()).images(plan.fromImage(), plan.toImage());
    return Optional.of(
        r.outcome() == UpdateOutcome.APPLIED
            ? result.completed(outcome, stopped + r.message())
            : result.undone(outcome, stopped + r.message()));
  }

  private static String digestOf(String pinned) {
    int at = pinned.indexOf('@');
    return at < 0 ? null : pinned.substring(at + 1);
  }

  /** Swarm's rollout as steps on the progress line. */
  private record Steps(Target target, RolloutListener listener) implements ServiceUpdateListener {
    @Override
    public void submitted(String service, String image, List<String> safeChanges) {
      listener.step(
          target,
          "spec sent" + (safeChanges.isEmpty() ? "" : " with " + String.join(", ", safeChanges)));
    }

    @Override
    public void conflict(String service, int attempt) {
      listener.step(target, "changed by someone else meanwhile; reading it again");
    }

    @Override
    public void progress(RolloutProgress p) {
      listener.step(target, p.state().replace('_', ' ') + " " + p.updated() + "/" + p.total());
    }

    @Override
    public void rollingBack(String service, String reason) {
      listener.step(target, "rolling back: " + reason);
    }
  }
}
