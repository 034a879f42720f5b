package dev.refit.rollout.swarm;

/**
 * Where a service rollout stands.
 *
 * @param service the service name
 * @param state Swarm's {@code UpdateStatus.State}, e.g. {@code updating}, {@code rollback_started}
 * @param updated tasks running the image being rolled out (the old one during a rollback)
 * @param total tasks the service should have
 * @param message Swarm's {@code UpdateStatus.Message}
 */
public record RolloutProgress(String service, String state, int updated, int total, String message) {
  /** E.g. {@code web: updating 2/3}. */
  public String describe() {
    return service + ": " + state.replace('_', ' ') + " " + updated + "/" + total;
  }
}
