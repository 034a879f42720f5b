package dev.refit.plan;

import dev.refit.check.CheckResult;
import java.util.Optional;

/**
 * One reason an available update may have to wait: monitor-only now; minimum age, maintenance
 * windows and approvals plug in the same way.
 */
@FunctionalInterface
public interface PlanRule {
  /** Why this update must not be rolled out now, or empty when this rule lets it pass. */
  Optional<String> hold(CheckResult update);
}
