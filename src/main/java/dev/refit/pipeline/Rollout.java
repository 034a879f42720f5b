package dev.refit.pipeline;

import dev.refit.check.CheckResult;

/** The rollout step: applies one update to its target, by whatever means its kind needs. */
@FunctionalInterface
public interface Rollout {
  /**
   * Never throws for a failed update: the failure is the outcome.
   *
   * @param result the check result with the update to apply
   * @param trigger what started it, for the history
   */
  RolloutOutcome apply(CheckResult result, String trigger);
}
