package dev.refit.plan;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides, for each available update, whether it may be rolled out now. */
public final class Planner {
  private final List<PlanRule> rules;
  private final boolean dryRun;

  /**
   * @param rules asked in order; the first that holds an update decides
   * @param dryRun whether updates that pass every rule are only described
   */
  public Planner(List<PlanRule> rules, boolean dryRun) {
    this.rules = List.copyOf(rules);
    this.dryRun = dryRun;
  }

  /** One plan per result with an available update, in the results' order; the rest have none. */
  public List<UpdatePlan> plan(List<CheckResult> results) {
    List<UpdatePlan> plans = new ArrayList<>();
    for (CheckResult result : results) {
      if (result.status() != CheckStatus.UPDATE_AVAILABLE) {
        continue;
      }
      plans.add(decide(result));
    }
    return plans;
  }

  private UpdatePlan decide(CheckResult result) {
    for (PlanRule rule : rules) {
      Optional<String> hold = rule.hold(result);
      if (hold.isPresent()) {
        return new UpdatePlan(result, Decision.HOLD, hold.get());
      }
    }
    return new UpdatePlan(result, dryRun ? Decision.DRY_RUN : Decision.APPLY, null);
  }
}
