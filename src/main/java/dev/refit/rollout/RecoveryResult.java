package dev.refit.rollout;

import dev.refit.store.UpdateOutcome;

/**
 * What recovery did with one update a killed run left unfinished.
 *
 * @param targetName the target's name
 * @param kind the journal kind (which applier)
 * @param interruptedAt the step the killed run had announced last
 * @param completed {@code true} when the update was completed, {@code false} when it was undone
 * @param outcome {@link UpdateOutcome#RECOVERED}, or {@link UpdateOutcome#BROKEN} when the old
 *     state could not be restored
 * @param message one line for the user and the history
 * @param fromImage the image before, as the journal recorded it
 * @param toImage the image attempted
 * @param location where the target lives, when no journal entry says so (an orphan), else null
 */
public record RecoveryResult(
    String targetName,
    String kind,
    String interruptedAt,
    boolean completed,
    UpdateOutcome outcome,
    String message,
    String fromImage,
    String toImage,
    String location) {

  /** A recovery of a journal entry, which says where the target lives. */
  public RecoveryResult(
      String targetName,
      String kind,
      String interruptedAt,
      boolean completed,
      UpdateOutcome outcome,
      String message,
      String fromImage,
      String toImage) {
    this(targetName, kind, interruptedAt, completed, outcome, message, fromImage, toImage, null);
  }
}
