package dev.refit.rollout.container;

import dev.refit.compose.ComposeFiles;
import dev.refit.files.AtomicFileWriter;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.container.RecreationPlan.Member;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recovery of a container update a killed run left in the journal: from the step it reached,
 * on to the new containers (once the commit was journaled) or back to the old ones.
 */
final class JournalRecovery {
  private final ContainerEngine ops;
  private final Reconciler reconciler;
  private final Journal journal;
  private final Optional<String> selfId;
  private final ComposeFiles files;

  /** @param selfId the container this Refit runs in, if any (a self-update's new container) */
  JournalRecovery(ContainerEngine ops, Journal journal, Optional<String> selfId) {
    this(ops, journal, selfId, new ComposeFiles(new AtomicFileWriter()));
  }

  JournalRecovery(ContainerEngine ops, Journal journal, Optional<String> selfId, ComposeFiles files) {
    this.files = files;
    this.ops = ops;
    this.reconciler = new Reconciler(ops, PausePoint.none());
    this.journal = journal;
    this.selfId = selfId;
  }

  /** Finishes or undoes the update of {@code entry}, under its claim; closes the entry. */
  RecoveryResult recover(JournalEntry entry, RecreationPlan plan) {
    RecreationState state = RecreationState.fromJson(entry.state());
    Member primary = plan.primary();
    boolean iAmTheNewOne =
        selfId.isPresent()
            && !selfId.get().equals(primary.oldId())
            && ops.find(primary.name()).map(c -> c.id().equals(selfId.get())).orElse(false);
    boolean forward = Step.of(entry.step()).map(Step::committed).orElse(false) || iAmTheNewOne;
    List<String> problems = new ArrayList<>();
    if (!forward && ops.find(primary.oldId()).isEmpty()) {
      // Refit removes an old container only after the commit: someone else finished or replaced
      // it since (another Refit). What holds the name now is theirs, not this entry's to remove.
      journal.finish(entry.id(), UpdateOutcome.RECOVERED.name());
      return RecoveryResult.of(entry)
          .images(plan.fromImage(), plan.toImage())
          .undone(
              UpdateOutcome.RECOVERED,
              RecoveryResult.interrupted(entry.step()) + "its old container is gone since"
                  + " (replaced by someone else): left as it is");
    }
    if (forward) {
      problems.addAll(reconciler.rollForward(plan));
      reconciler.prune(plan); // a snapshot left over is no harm to the update: the next one prunes it
    } else {
      problems.addAll(reconciler.rollBack(plan, state.newIds(), entry.startedAt(), state.snapshotted()));
    }
    // the containers are sound whatever became of the files: their trouble is a note, not BROKEN
    List<String> fileNotes = forward ? files.write(plan.files()) : files.restore(plan.files());
    problems.addAll(reconciler.restartDependants(plan));
    UpdateOutcome outcome = problems.isEmpty() ? UpdateOutcome.RECOVERED : UpdateOutcome.BROKEN;
    journal.finish(entry.id(), outcome.name());
    String what =
        forward
            ? "completed the update to " + plan.toImage()
            : "rolled back to " + plan.fromImage()
                + (state.snapshotted() && plan.backup() != null && problems.isEmpty()
                    ? ", its volumes restored from their snapshots"
                    : "");
    String message =
        RecoveryResult.interrupted(entry.step()) + what
            + (problems.isEmpty() ? "" : "; but: " + String.join("; ", problems))
            + (fileNotes.isEmpty() ? "" : "; " + String.join("; ", fileNotes));
    RecoveryResult.Builder result = RecoveryResult.of(entry).images(plan.fromImage(), plan.toImage());
    return forward ? result.completed(outcome, message) : result.undone(outcome, message);
  }

}
