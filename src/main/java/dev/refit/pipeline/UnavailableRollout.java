package dev.refit.pipeline;

import dev.refit.check.CheckResult;

/** Stands in where no applier for a target's kind is built in: the update fails, saying so. */
public final class UnavailableRollout implements Rollout {
  @Override
  public RolloutOutcome apply(CheckResult result, String trigger) {
    return RolloutOutcome.failed(
        "this Refit cannot apply updates to a " + result.target().kind().label() + " yet");
  }
}
