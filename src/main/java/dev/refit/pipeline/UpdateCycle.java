package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.CheckResult;
import dev.refit.plan.Decision;
import dev.refit.plan.Planner;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.JournalEntry;
import dev.refit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One pass of the pipeline, whoever triggers it: recover what a killed run left, then inventory,
 * check, plan and roll out. The caller holds the state lock (one Refit at a time).
 */
public final class UpdateCycle {
  /** Checks targets against their registries (an {@link dev.refit.check.UpdateChecker}). */
  @FunctionalInterface
  public interface Checker {
    List<CheckResult> check(List<Target> targets, CheckProgress progress);
  }

  private final Supplier<List<Target>> inventory;
  private final Checker checker;
  private final Planner planner;
  private final Rollout rollout;

  public UpdateCycle(
      Supplier<List<Target>> inventory, Checker checker, Planner planner, Rollout rollout) {
    this.inventory = inventory;
    this.checker = checker;
    this.planner = planner;
    this.rollout = rollout;
  }

  /**
   * @param names only targets with these names (all when empty)
   * @param dryRun recover nothing, change nothing: describe what would be done
   */
  public UpdateReport run(
      List<String> names, boolean dryRun, CheckProgress progress, RolloutListener listener) {
    List<RecoveryResult> recovered = List.of();
    List<JournalEntry> pending = List.of();
    List<String> tidied = List.of();
    if (dryRun) {
      pending = rollout.pendingRecovery();
    } else {
      recovered = rollout.recover();
      tidied = rollout.tidyUp();
    }

    List<Target> all = inventory.get();
    List<Target> targets = all;
    List<String> unknown = new ArrayList<>();
    if (!names.isEmpty()) {
      Set<String> wanted = new LinkedHashSet<>(names);
      targets = all.stream().filter(t -> wanted.contains(t.name())).toList();
      Set<String> found = new LinkedHashSet<>();
      targets.forEach(t -> found.add(t.name()));
      wanted.stream().filter(n -> !found.contains(n)).forEach(unknown::add);
    }

    List<CheckResult> checks = checker.check(targets, progress);
    List<UpdatePlan> plans = planner.plan(checks);
    Map<String, List<String>> previews = new LinkedHashMap<>();
    for (UpdatePlan plan : plans) {
      if (plan.decision() == Decision.DRY_RUN) {
        previews.put(plan.target().id(), rollout.preview(plan));
      }
    }
    List<RolloutResult> rollouts = dryRun ? List.of() : rollout.apply(plans, listener);
    return new UpdateReport(recovered, pending, tidied, unknown, checks, plans, previews, rollouts);
  }
}
