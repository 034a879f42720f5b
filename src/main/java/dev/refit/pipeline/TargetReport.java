package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.plan.GateDecision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RolloutResult;
import java.time.Instant;
import java.util.List;

/**
 * What one cycle found and did for one target.
 *
 * @param decision the gates' answer when an update is available, else {@code null} (also in a dry
 *     run, which does not ask the gates)
 * @param plan the planner's decision when an update is available (the gates and every other
 *     rule, e.g. monitor-only), else {@code null}
 * @param outcome how applying it ended, when it was applied, else {@code null}
 * @param labelProblem a rollout label Refit could not read, or {@code null}
 * @param preview what applying it would do, in a dry run; else empty
 */
public record TargetReport(
    CheckResult check,
    GateDecision decision,
    UpdatePlan plan,
    RolloutResult outcome,
    String labelProblem,
    Instant checkedAt,
    List<String> preview) {

  public TargetReport {
    preview = List.copyOf(preview);
  }
}
