package dev.refit.rollout;

import dev.refit.plan.UpdatePlan;
import dev.refit.store.JournalEntry;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import java.util.List;
import java.util.Optional;

/**
 * Rolls updates out to one kind of target: containers by recreating them, Swarm services by
 * updating their spec. Every applier journals each step
 * before taking it (see {@link dev.refit.store.Journal}) and can complete or undo what a killed run
 * left behind.
 */
public interface Applier {

  /** The kind of target this applier rolls out updates for. */
  TargetKind kind();

  /** Whether this applier rolls out updates for the target's kind. */
  default boolean handles(Target target) {
    return target.kind() == kind();
  }

  /**
   * Applies one update: the new image runs and passed its readiness gate, or the old state is back.
   * Never throws for a failure of the update itself, which is the result's outcome.
   */
  RolloutResult apply(UpdatePlan plan, RolloutListener listener);

  /**
   * Whether {@link #apply} honours {@link UpdatePlan#restoreData()}: puts back the data kept before
   * an earlier update along with its image. Others refuse such a plan before touching anything.
   */
  default boolean restoresData() {
    return false;
  }

  /**
   * Splits updates of targets this applier handles into groups that may run at the same time as
   * each other; each group's updates go one at a time, in the group's order. An applier whose
   * targets depend on each other (containers sharing a network namespace, linked, {@code
   * depends_on}) puts those in one group, what they depend on first. By default every update
   * stands alone, in the given order.
   */
  default List<DependencyGraph.Group<UpdatePlan>> groups(List<UpdatePlan> plans) {
    return plans.stream().map(p -> new DependencyGraph.Group<>(List.of(p), List.of())).toList();
  }

  /**
   * What {@link #apply} would do, without changing anything, as lines for a dry run. Never shows
   * a secret (environment values are masked).
   */
  default List<String> preview(UpdatePlan plan) {
    return List.of();
  }

  /**
   * Removes what earlier runs left behind on purpose (e.g. a finished self-update helper), after
   * recovery and before any update.
   *
   * @return one line per thing removed, for the user
   */
  default List<String> tidyUp() {
    return List.of();
  }

  /** Whether this applier wrote the journal entry (its kind). */
  default boolean recovers(JournalEntry entry) {
    return false;
  }

  /**
   * Completes or undoes an update a killed run left unfinished, and closes its journal entry.
   *
   * @return what was done, or empty when the entry must be left alone for now (e.g. a live helper
   *     is finishing it)
   */
  default Optional<RecoveryResult> recover(JournalEntry entry) {
    return Optional.empty();
  }

  /**
   * Repairs what an earlier run left behind without a journal entry to say so (its journal could
   * not be written, or belongs to another state directory), never while a live Refit works on it.
   *
   * @return what was repaired, or found and left for a human
   */
  default List<RecoveryResult> recoverOrphans() {
    return List.of();
  }
}
