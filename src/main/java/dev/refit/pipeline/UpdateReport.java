package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.plan.UpdatePlan;
import dev.refit.registry.RegistryHostStats;
import dev.refit.rollout.RolloutResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@link UpdateCycle} found and did, step by step, before the record step joins it
 * into a {@link CycleReport}.
 *
 * @param housekeeping what it settled first: recovery, leftovers
 * @param unknownNames names asked for that no target has
 * @param checks the check result of every target considered
 * @param registries what asking the registries cost
 * @param plans one per available update: apply, dry run or hold
 * @param previews what each dry-run plan would do, by target id
 * @param rollouts the outcome of every update applied
 */
record UpdateReport(
    Housekeeping housekeeping,
    List<String> unknownNames,
    List<CheckResult> checks,
    List<RegistryHostStats> registries,
    List<UpdatePlan> plans,
    Map<String, List<String>> previews,
    List<RolloutResult> rollouts) {

  UpdateReport {
    unknownNames = List.copyOf(unknownNames);
    checks = List.copyOf(checks);
    registries = List.copyOf(registries);
    plans = List.copyOf(plans);
    previews = Map.copyOf(previews);
    rollouts = List.copyOf(rollouts);
  }
}
