package dev.refit.plan;

/** What the gates let happen to an available update now. */
public enum GateVerdict {
  /** Mode notify: report only. */
  REPORT,
  /** Apply now. */
  APPLY,
  /** Not yet: too young, or outside every maintenance window; retried by itself later. */
  WAIT,
  /** Mode approval: waits for {@code refit approve <id>}. */
  AWAIT_APPROVAL
}
