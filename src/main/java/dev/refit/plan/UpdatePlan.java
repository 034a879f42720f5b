package dev.refit.plan;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.target.Target;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One available update and what may be done with it now.
 *
 * @param check what the check found (the target, its current image and digest, the update)
 * @param decision apply, dry run, or hold
 * @param reason why it is held, or {@code null}
 * @param restoreData a rollback with data ({@code refit rollback --with-data}): the container's
 *     volumes get the snapshot Refit kept while it ran the image rolled back to
 */
public record UpdatePlan(CheckResult check, Decision decision, @Nullable String reason, boolean restoreData) {

  public UpdatePlan(CheckResult check, Decision decision, @Nullable String reason) {
    this(check, decision, reason, false);
  }

  /** This plan, restoring the container's kept data with its image. */
  public UpdatePlan restoringData() {
    return new UpdatePlan(check, decision, reason, true);
  }

  public Target target() {
    return check.target();
  }

  public AvailableUpdate update() {
    // a plan is only made for a result with an available update
    return Objects.requireNonNull(check.update(), "a plan without an update");
  }
}
