package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.plan.GateDecision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RolloutResult;
import java.time.Instant;

/**
 * What one cycle found and did for one target.
 *
 * @param decision the gates' answer when an update is available, else {@code null}
 * @param plan the planner's decision when an update is available (the gates and every other
 *     rule, e.g. monitor-only), else {@code null}
 * @param outcome how applying it ended, when it was applied, else {@code null}
 * @param labelProblem a rollout label Refit could not read, or {@code null}
 */
public record TargetReport(
    CheckResult check,
    GateDecision decision,
    UpdatePlan plan,
    RolloutResult outcome,
    String labelProblem,
    Instant checkedAt) {}
