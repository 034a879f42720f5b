package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.plan.GateDecision;
import java.time.Instant;

/**
 * What one cycle found and did for one target.
 *
 * @param decision the gates' answer when an update is available, else {@code null}
 * @param outcome how applying it ended, when it was applied, else {@code null}
 * @param labelProblem a rollout label Refit could not read, or {@code null}
 */
public record TargetReport(
    CheckResult check, GateDecision decision, RolloutOutcome outcome, String labelProblem, Instant checkedAt) {}
