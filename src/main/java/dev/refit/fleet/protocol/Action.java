package dev.refit.fleet.protocol;

/** What a {@link Command} asks the agent to do; each needs its own fields (see {@link Command}). */
public enum Action {
  /** Run the check now instead of waiting for the schedule. */
  CHECK_NOW,
  /** Update the named targets, to the newest allowed tag or to the exact tag given. */
  APPLY,
  /** Approve a pending update the agent holds for approval. */
  APPROVE,
  /** Replace the agent itself with the given image. */
  UPGRADE_AGENT
}
