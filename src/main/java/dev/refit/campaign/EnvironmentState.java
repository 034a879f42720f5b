package dev.refit.campaign;

/** Where one environment stands in a campaign. */
public enum EnvironmentState {
  /** Its wave has not started. */
  PENDING,
  /** Its wave started while its agent was offline: the command goes out when it connects. */
  WAITING,
  /** The command was sent; no report yet. */
  DISPATCHED,
  SUCCEEDED,
  /** It reported a failure (after rolling back), or missed the deadline. */
  FAILED,
  /** The campaign halted or was cancelled before this environment's turn: it was never touched. */
  NOT_STARTED;

  /** Whether nothing more will happen to this environment in this campaign. */
  public boolean isFinal() {
    return switch (this) {
      case SUCCEEDED, FAILED, NOT_STARTED -> true;
      case PENDING, WAITING, DISPATCHED -> false;
    };
  }
}
