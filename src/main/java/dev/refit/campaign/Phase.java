package dev.refit.campaign;

/** Where a campaign as a whole stands. */
public enum Phase {
  /** A wave is in progress. */
  RUNNING,
  /** The last wave succeeded; the next waits until the soak is over. */
  SOAKING,
  /** Every environment succeeded. */
  COMPLETED,
  /** Too many environments failed: nothing more is dispatched. */
  HALTED,
  /** A person cancelled it: nothing more is dispatched. */
  CANCELLED;

  public boolean isFinal() {
    return switch (this) {
      case COMPLETED, HALTED, CANCELLED -> true;
      case RUNNING, SOAKING -> false;
    };
  }
}
