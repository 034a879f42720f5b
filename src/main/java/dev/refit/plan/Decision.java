package dev.refit.plan;

/** What may happen to an available update now. */
public enum Decision {
  /** Roll it out. */
  APPLY,
  /** It would be rolled out, but this is a dry run: only say how. */
  DRY_RUN,
  /** Report it, do not roll it out (monitor-only; later: too young, outside the window, unapproved). */
  HOLD
}
