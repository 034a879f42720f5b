package dev.refit.rollout.swarm;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.config.SwarmSettings;
import dev.refit.docker.RegistryAuth;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.TargetKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the check's verdict for a service into a service update: pins the new image by the digest
 * the registry serves for it now, finds the registry's credentials, and hands it to the {@link
 * ServiceUpdater} with the configured rollout settings.
 */
public final class SwarmServiceApplier {
  private final ServiceUpdater updater;
  private final RegistryClient registry;
  private final CredentialStore credentials;
  private final SwarmSettings settings;
  private final Clock clock;

  public SwarmServiceApplier(
      ServiceUpdater updater,
      RegistryClient registry,
      CredentialStore credentials,
      SwarmSettings settings,
      Clock clock) {
    this.updater = updater;
    this.registry = registry;
    this.credentials = credentials;
    this.settings = settings;
    this.clock = clock;
  }

  /** Whether this applier is the one for the result's target. */
  public static boolean handles(CheckResult result) {
    return result.target().kind() == TargetKind.SERVICE;
  }

  /**
   * The image to run, pinned: {@code repo:tag@sha256:...} with the digest of the check when it
   * found one, else the digest the registry serves for the new tag now.
   *
   * @throws RegistryException when the registry cannot say
   */
  public String pinnedImage(AvailableUpdate update) {
    ImageReference byTag = update.image().withoutDigest();
    Digest digest = update.digest() != null ? update.digest() : registry.headManifest(byTag).digest();
    return byTag.withDigest(digest).familiarForm();
  }

  /** Updates the service of a check result that found an update; never throws for the rollout. */
  public ServiceUpdateResult apply(CheckResult result, ServiceUpdateListener listener) {
    if (!handles(result) || result.update() == null) {
      throw new IllegalArgumentException(
          result.target().name() + " is not a service with an update available");
    }
    Instant started = clock.instant();
    String target;
    try {
      target = pinnedImage(result.update());
    } catch (RegistryException e) {
      return new ServiceUpdateResult(
          UpdateOutcome.FAILED, result.target().id(), result.target().name(),
          result.target().image(), result.update().image().familiarForm(),
          "cannot pin " + result.update().image().familiarForm() + " by digest: " + e.getMessage(),
          false, started, clock.instant());
    }
    Optional<RegistryAuth> auth = RegistryAuth.forImage(result.update().image(), credentials);
    return updater.update(
        new ServiceUpdateRequest(
            result.target().id(),
            result.target().image(),
            target,
            auth,
            settings.safeDefaults(),
            settings.updateTimeout()),
        listener);
  }
}
