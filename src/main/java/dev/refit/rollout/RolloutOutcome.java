package dev.refit.rollout;

import dev.refit.store.UpdateOutcome;
import java.util.Optional;

/** How one target's rollout ended. */
public enum RolloutOutcome {
  /** The new image runs and passed its readiness gate. */
  APPLIED("updated"),
  /** The new image failed; the old one runs again, unchanged. */
  ROLLED_BACK("rolled back"),
  /** Nothing changed: the update could not begin (pull, pre-update hook, create, changed target). */
  FAILED("failed"),
  /** The update failed and the old state could not be restored: needs a human. */
  BROKEN("broken"),
  /** Handed to a helper that finishes it (Refit updating its own container); it records the result. */
  HANDED_OVER("handed to helper"),
  /**
   * Left alone: another Refit (or someone else) was updating the target at that moment, or had just
   * updated it. That one reports and records the result; not a failure.
   */
  SKIPPED("skipped");

  private final String text;

  RolloutOutcome(String text) {
    this.text = text;
  }

  /** How tables print it. */
  public String text() {
    return text;
  }

  /** Whether the run counts this as a failure (non-zero exit). */
  public boolean failed() {
    return this == ROLLED_BACK || this == FAILED || this == BROKEN;
  }

  /** The history's word for it; empty when someone else records the result. */
  public Optional<UpdateOutcome> history() {
    return switch (this) {
      case APPLIED -> Optional.of(UpdateOutcome.APPLIED);
      case ROLLED_BACK -> Optional.of(UpdateOutcome.ROLLED_BACK);
      case FAILED -> Optional.of(UpdateOutcome.FAILED);
      case BROKEN -> Optional.of(UpdateOutcome.BROKEN);
      case HANDED_OVER, SKIPPED -> Optional.empty();
    };
  }
}
