/**
 * Decides what may run now: for each available update the check found, apply it, only describe it
 * (dry run), or hold it (monitor-only; minimum age, maintenance windows and approvals join as
 * further {@link dev.refit.plan.PlanRule}s).
 */
@NullMarked
package dev.refit.plan;

import org.jspecify.annotations.NullMarked;
