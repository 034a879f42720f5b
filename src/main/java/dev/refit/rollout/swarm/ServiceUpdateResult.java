package dev.refit.rollout.swarm;

import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.TargetKind;
import java.time.Instant;

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
 */
public record ServiceUpdateResult(
    UpdateOutcome outcome,
    String serviceId,
    String service,
    String fromImage,
    String toImage,
    String message,
    boolean changed,
    Instant startedAt,
    Instant finishedAt) {

  public boolean succeeded() {
    return outcome == UpdateOutcome.APPLIED;
  }

  /**
   * The history entry of this attempt: a completed update, or a failed one with how it was rolled
   * back (by Swarm, or by Refit after a pause or a timeout) in its message.
   *
   * @param location the manager's address
   * @param trigger what started it, e.g. {@code cli}
   */
  public HistoryEntry toHistory(String location, String trigger) {
    return new HistoryEntry(
        0, startedAt, finishedAt, TargetKind.SERVICE.label(), service, location, fromImage, toImage,
        digestOf(fromImage), digestOf(toImage), outcome, outcome == UpdateOutcome.APPLIED ? null : message,
        trigger);
  }

  private static String digestOf(String image) {
    if (image == null) {
      return null;
    }
    try {
      ImageReference ref = ImageReference.parse(image);
      return ref.hasDigest() ? ref.digest().toString() : null;
    } catch (InvalidReferenceException e) {
      return null;
    }
  }
}
