package dev.refit.rollout.swarm;

import dev.refit.store.UpdateOutcome;
import java.time.Instant;
import java.util.List;

/**
 * How a service update ended.
 *
 * @param outcome {@link UpdateOutcome#APPLIED} when Swarm completed it; {@link
 *     UpdateOutcome#ROLLED_BACK} when it failed and the service runs its previous spec again (Swarm
 *     rolled back by itself, or Refit asked it to after a pause or a timeout); {@link
 *     UpdateOutcome#FAILED} when nothing changed; {@link UpdateOutcome#BROKEN} when the rollback
 *     itself did not finish
 * @param serviceId the service id
 * @param service the service name
 * @param fromImage the image before
 * @param toImage the image attempted
 * @param message what happened, in one line
 * @param changed whether Refit changed the service at all ({@code false} when it already ran the
 *     image or the update was refused)
 * @param taskOutput for a failed rollout, Swarm's reason and the last output lines of the new
 *     task that failed; else empty
 */
public record ServiceUpdateResult(
    UpdateOutcome outcome,
    String serviceId,
    String service,
    String fromImage,
    String toImage,
    String message,
    boolean changed,
    List<String> taskOutput,
    Instant startedAt,
    Instant finishedAt) {

  public ServiceUpdateResult {
    taskOutput = List.copyOf(taskOutput);
  }

  public boolean succeeded() {
    return outcome == UpdateOutcome.APPLIED;
  }
}
