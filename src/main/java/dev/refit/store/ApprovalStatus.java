package dev.refit.store;

/** Where an approval stands. */
public enum ApprovalStatus {
  /** Waiting for a human. */
  PENDING,
  /** Approved; applied at the next chance (window, minimum age). */
  APPROVED,
  /** Approved and applied (or attempted: see the history). */
  DONE,
  /** Refused: this update will not be applied. */
  REJECTED,
  /** A newer update replaced it before anyone decided. */
  SUPERSEDED
}
