package dev.refit.rollout.swarm;

import dev.refit.docker.RegistryAuth;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One service update to carry out.
 *
 * @param serviceId the service's id (or name)
 * @param expectedImage the image the service ran when the update was planned, or {@code null}; if
 *     someone has changed the image since, Refit stops rather than overwrite their choice
 * @param image the image to run, pinned by digest ({@code repo:tag@sha256:...}) so every node runs
 *     the same bytes
 * @param auth credentials for the image's registry, or empty for a public image
 * @param safeDefaults whether to fill in {@link SafeDefaults} where the service has no rollout
 *     settings of its own, whatever its labels say (a service labelled {@code
 *     refit.swarm.safe=true} gets them anyway)
 * @param timeout how long Swarm gets for the update (and again for a rollback) before Refit calls
 *     it failed
 */
public record ServiceUpdateRequest(
    String serviceId,
    String expectedImage,
    String image,
    Optional<RegistryAuth> auth,
    boolean safeDefaults,
    Duration timeout) {

  public ServiceUpdateRequest {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(timeout, "timeout");
    if (!image.contains("@")) {
      throw new IllegalArgumentException(
          "the image of a service update must be pinned by digest (repo:tag@sha256:...), got "
              + image);
    }
  }
}
