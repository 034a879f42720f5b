package dev.refit.plan;

import org.jspecify.annotations.Nullable;
import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.target.Target;

/**
 * One available update and what may be done with it now.
 *
 * @param check what the check found (the target, its current image and digest, the update)
 * @param decision apply, dry run, or hold
 * @param reason why it is held, or {@code null}
 */
public record UpdatePlan(CheckResult check, Decision decision, @Nullable String reason) {

  public Target target() {
    return check.target();
  }

  public AvailableUpdate update() {
    return check.update();
  }
}
