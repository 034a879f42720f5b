package dev.refit.store;

/** How an update attempt ended. */
public enum UpdateOutcome {
  /** The new image runs and passed its health gate. */
  APPLIED,
  /** The new image failed; the old one runs again. */
  ROLLED_BACK,
  /** The update failed before anything changed (pull, create, pre-update hook, version conflict). */
  FAILED,
  /** The update failed and the old state could not be restored: needs a human. */
  BROKEN,
  /** A run was killed mid-update; a later run finished it. */
  RECOVERED,
  /**
   * Left alone: someone else (another Refit) was updating it. Results carry it; the history does
   * not (the other one records its own outcome).
   */
  SKIPPED;

  /** Whether the attempt failed (whatever runs now, the wanted version does not). */
  public boolean failed() {
    return this == ROLLED_BACK || this == FAILED || this == BROKEN;
  }
}
