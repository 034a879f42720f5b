package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.JournalEntry;
import java.util.List;
import java.util.Map;

/**
 * Everything one update cycle found and did.
 *
 * @param recovered updates a killed run left unfinished, completed or undone first
 * @param pendingRecovery unfinished updates left alone (dry run)
 * @param tidied what earlier runs left on purpose and this one removed (self-update helpers)
 * @param unknownNames names asked for that no container has
 * @param checks the check result of every target considered
 * @param plans one per available update: apply, dry run or hold
 * @param previews what each dry-run plan would do, by target id
 * @param rollouts the outcome of every update applied
 */
public record UpdateReport(
    List<RecoveryResult> recovered,
    List<JournalEntry> pendingRecovery,
    List<String> tidied,
    List<String> unknownNames,
    List<CheckResult> checks,
    List<UpdatePlan> plans,
    Map<String, List<String>> previews,
    List<RolloutResult> rollouts) {

  public UpdateReport {
    recovered = List.copyOf(recovered);
    pendingRecovery = List.copyOf(pendingRecovery);
    tidied = List.copyOf(tidied);
    unknownNames = List.copyOf(unknownNames);
    checks = List.copyOf(checks);
    plans = List.copyOf(plans);
    previews = Map.copyOf(previews);
    rollouts = List.copyOf(rollouts);
  }
}
