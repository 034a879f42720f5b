package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.WantedImage;
import dev.refit.plan.Decision;
import dev.refit.plan.PlanRule;
import dev.refit.plan.Planner;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.target.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of one cycle in order: recover what a killed run left, then inventory, check, plan and
 * roll out. {@link UpdatePipeline} runs it under the state lock and records what it did.
 */
final class UpdateCycle {
  /**
   * Another Refit replacing a container renames the old one and creates the new one a moment
   * later: a name asked for and missing is looked for once more after this, so that Refit says
   * "being updated by another Refit" (from the claim) instead of "no container named".
   */
  static final java.time.Duration SECOND_LOOK = java.time.Duration.ofSeconds(1);

  private final TargetInventory inventory;
  private final TargetChecker checker;
  private final Planner planner;
  private final Rollout rollout;
  private final boolean dryRun;

  /**
   * @param rules the planner's rules, asked in order
   * @param dryRun recover nothing, change nothing: describe what would be done
   */
  UpdateCycle(
      TargetInventory inventory, TargetChecker checker, List<PlanRule> rules, Rollout rollout, boolean dryRun) {
    this.inventory = inventory;
    this.checker = checker;
    this.planner = new Planner(rules, dryRun);
    this.rollout = rollout;
    this.dryRun = dryRun;
  }

  UpdateReport run(CycleRequest request, CheckProgress progress, RolloutListener listener) {
    Housekeeping housekeeping;
    if (dryRun) {
      housekeeping = new Housekeeping(List.of(), rollout.pendingRecovery(), List.of());
    } else {
      List<RecoveryResult> recovered = rollout.recover();
      housekeeping = new Housekeeping(recovered, List.of(), rollout.tidyUp());
    }

    List<Target> targets = inventory.discover().stream().filter(request::covers).toList();
    List<String> unknown = missing(request, targets);
    if (!unknown.isEmpty()) {
      try {
        Thread.sleep(SECOND_LOOK.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      targets = inventory.discover().stream().filter(request::covers).toList();
      unknown = missing(request, targets);
    }

    Map<String, WantedImage> wanted = new LinkedHashMap<>();
    for (Target target : targets) {
      request.wanted(target).ifPresent(w -> wanted.put(target.id(), w));
    }
    TargetChecker.Checked checked = checker.check(targets, wanted, progress);
    List<UpdatePlan> plans = planner.plan(checked.results()).stream().map(p -> withData(request, p)).toList();
    Map<String, List<String>> previews = new LinkedHashMap<>();
    for (UpdatePlan plan : plans) {
      if (plan.decision() == Decision.DRY_RUN) {
        previews.put(plan.target().id(), rollout.preview(plan));
      }
    }
    List<RolloutResult> rollouts = dryRun ? List.of() : rollout.apply(plans, listener);
    return new UpdateReport(
        housekeeping, unknown, checked.results(), checked.registries(), plans, previews, rollouts);
  }

  /** A rollback asked to bring the data back too ({@code refit rollback --with-data}) says so in its plan. */
  private static UpdatePlan withData(CycleRequest request, UpdatePlan plan) {
    boolean withData =
        request.wanted(plan.target()).filter(w -> w instanceof WantedImage.Earlier e && e.withData()).isPresent();
    return withData ? plan.restoringData() : plan;
  }

  private static List<String> missing(CycleRequest request, List<Target> targets) {
    Set<String> found = targets.stream().map(Target::name).collect(Collectors.toSet());
    return request.targetNames().stream().filter(n -> !found.contains(n)).sorted().toList();
  }
}
