package dev.refit.rollout.container;

import dev.refit.compose.ComposeFiles;
import dev.refit.docker.EngineMessages;
import dev.refit.files.AtomicFileWriter;
import dev.refit.rollout.JournalKind;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.Readiness;
import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.container.RecreationPlan.Member;
import dev.refit.store.Journal;
import dev.refit.target.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces containers by new ones, one member at a time, each step journaled before it is taken:
 * rename the old one aside, create the new one under its name, stop the old, start the new, wait
 * for its readiness gate. When every member passed, the old containers go; when any step fails,
 * everything is put back as it was (same containers, same ids).
 */
final class Recreation {
  private static final java.time.Duration EVENTS_MARGIN = java.time.Duration.ofMinutes(1);
  static final JournalKind JOURNAL_KIND = JournalKind.CONTAINER_RECREATE;
  private static final int LOG_LINES = 20;

  private final ContainerEngine ops;
  private final Reconciler reconciler;
  private final Snapshots snapshots;
  private final Journal journal;
  private final PausePoint pause;
  private final ReadinessChoice readiness;
  private final Hooks hooks;
  private final ComposeFiles files;
  private final Clock clock;

  Recreation(
      ContainerEngine ops,
      Journal journal,
      PausePoint pause,
      ReadinessChoice readiness,
      Hooks hooks,
      Clock clock) {
    this(ops, journal, pause, readiness, hooks, new ComposeFiles(new AtomicFileWriter()), clock);
  }

  Recreation(
      ContainerEngine ops,
      Journal journal,
      PausePoint pause,
      ReadinessChoice readiness,
      Hooks hooks,
      ComposeFiles files,
      Clock clock) {
    this.ops = ops;
    this.files = files;
    this.reconciler = new Reconciler(ops, pause);
    this.snapshots = new Snapshots(ops);
    this.journal = journal;
    this.pause = pause;
    this.readiness = readiness;
    this.hooks = hooks;
    this.clock = clock;
  }

  /**
   * @param plan what is recreated (journaled as is)
   * @param requests how to create each member's new container, in the plan's member order
   * @param labels each member's labels, for its readiness gate's durations
   * @param postUpdate the {@code refit.post-update} command for the updated container, or {@code null}
   * @param filesWritten what a successful update reports once the plan's files are edited, or
   *     {@code null}
   * @param notes what a successful update reports besides (why its Compose files stay as they are)
   */
  record Job(
      RecreationPlan plan,
      List<CreateRequest> requests,
      List<Map<String, String>> labels,
      String postUpdate,
      String filesWritten,
      List<String> notes) {
    Job(RecreationPlan plan, List<CreateRequest> requests, List<Map<String, String>> labels, String postUpdate) {
      this(plan, requests, labels, postUpdate, null, List.of());
    }
  }

  /**
   * @param outcome applied, rolled back or broken
   * @param message what failed, or warnings after success, or {@code null}
   * @param logTail the failing new container's last log lines
   */
  record Outcome(RolloutOutcome outcome, String message, List<String> logTail) {}

  Outcome run(Target target, Job job, RolloutListener listener) {
    RecreationPlan plan = job.plan();
    Member primary = plan.primary();
    Instant began = clock.instant();
    long entry =
        journal.begin(
            JOURNAL_KIND.stored(), primary.oldId(), primary.name(), plan.location(), plan.toJson(), Step.RENAME_OLD.stored());
    Map<String, String> newIds = new LinkedHashMap<>();
    List<String> fileProblems = new ArrayList<>();
    boolean disturbed = false;
    // set once the snapshots are complete; read by announce and the rollback
    boolean[] snapshotted = {false};
    try {
      for (int i = 0; i < plan.members().size(); i++) {
        Member m = plan.members().get(i);
        if (i == 0) {
          pause.reached(Step.RENAME_OLD.stored());
        } else {
          announce(entry, Step.RENAME_OLD, m, newIds, snapshotted[0]);
        }
        listener.step(target, "renaming " + m.name() + " to " + m.parkedName());
        ops.rename(m.oldId(), m.parkedName());

        announce(entry, Step.CREATE_NEW, m, newIds, snapshotted[0]);
        listener.step(target, "creating the new " + m.name());
        String id;
        try {
          id = ops.create(job.requests().get(i));
        } catch (RuntimeException e) {
          throw new UpdateFailure(m.name() + ": cannot create the new container: " + EngineMessages.of(e), e);
        }
        newIds.put(m.name(), id);
        if (!m.wasRunning()) {
          continue;
        }

        announce(entry, Step.STOP_OLD, m, newIds, snapshotted[0]);
        listener.step(target, "stopping the old " + m.name());
        disturbed = true;
        ops.stop(m.oldId());
        if (i == 0 && plan.backup() != null) {
          takeSnapshots(target, entry, plan, newIds, listener);
          snapshotted[0] = true;
          restoreKept(target, entry, plan, newIds, listener);
        }

        announce(entry, Step.START_NEW, m, newIds, snapshotted[0]);
        listener.step(target, "starting the new " + m.name());
        try {
          ops.start(id);
        } catch (RuntimeException e) {
          throw new UpdateFailure(
              m.name() + ": cannot start the new container: " + EngineMessages.of(e),
              logTail(id),
              e);
        }

        announce(entry, Step.HEALTH, m, newIds, snapshotted[0]);
        // the id is new, so every die event of it is of this start; the margin is for an engine
        // whose clock is behind ours
        Instant since = clock.instant().minus(EVENTS_MARGIN);
        Readiness gate =
            readiness.choose(
                job.labels().get(i), ops.inspect(id), () -> ops.inspect(id),
                () -> ops.lastExitCode(id, since));
        listener.step(target, "waiting until the new " + m.name() + " is " + gate.describe());
        ReadinessVerdict verdict = gate.await();
        if (!verdict.ready()) {
          throw new UpdateFailure(
              "the new " + m.name() + " " + verdict.reason(), logTail(id), null);
        }
      }
      if (!plan.files().isEmpty()) {
        // after the gates, so a failed update never touches the files; before the commit, so a
        // run killed in between has them restored with the containers
        announce(entry, Step.EDIT_FILES, primary, newIds, snapshotted[0]);
        listener.step(target, "writing " + plan.toImage() + " into the compose files");
        fileProblems.addAll(files.write(plan.files()));
      }
      // every member passed: once this is journaled a recovery completes the update, never undoes it
      announce(entry, Step.COMMIT, primary, newIds, snapshotted[0]);
    } catch (UpdateFailure e) {
      return rollBack(
          target, entry, plan, newIds, began, disturbed, snapshotted[0], e.getMessage(), e.logTail(), listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return rollBack(
          target, entry, plan, newIds, began, disturbed, snapshotted[0], "interrupted", List.of(), listener);
    } catch (RuntimeException e) {
      return rollBack(
          target, entry, plan, newIds, began, disturbed, snapshotted[0], EngineMessages.of(e), List.of(),
          listener);
    }

    listener.step(target, "removing the old " + primary.name());
    List<String> warnings = new ArrayList<>(reconciler.rollForward(plan));
    if (fileProblems.isEmpty() && job.filesWritten() != null) {
      warnings.add(job.filesWritten());
    }
    warnings.addAll(fileProblems);
    warnings.addAll(job.notes());
    warnings.addAll(reconciler.prune(plan));
    if (job.postUpdate() != null) {
      noteAfterCommit(entry, Step.POST_UPDATE, primary, newIds, snapshotted[0], warnings);
      listener.step(target, "running the post-update hook in " + primary.name());
      String hook = hooks.run(newIds.get(primary.name()), job.postUpdate());
      if (hook != null) {
        warnings.add("post-update hook " + hook);
      }
    }
    if (!plan.restart().isEmpty()) {
      noteAfterCommit(entry, Step.RESTART_DEPENDANTS, primary, newIds, snapshotted[0], warnings);
      listener.step(target, "restarting " + String.join(", ", plan.restart()));
      warnings.addAll(reconciler.restartDependants(plan));
    }
    finishQuietly(entry, RolloutOutcome.APPLIED, warnings, "");
    return new Outcome(
        RolloutOutcome.APPLIED, warnings.isEmpty() ? null : String.join("; ", warnings), List.of());
  }

  private Outcome rollBack(
      Target target,
      long entry,
      RecreationPlan plan,
      Map<String, String> newIds,
      Instant began,
      boolean disturbed,
      boolean snapshotted,
      String reason,
      List<String> logTail,
      RolloutListener listener) {
    List<String> notes = new ArrayList<>();
    try {
      journal.step(
          entry, Step.ROLLBACK.stored(), new RecreationState(null, newIds, reason, snapshotted).toJson());
    } catch (RuntimeException e) {
      // the containers come first: roll back all the same (a later recovery of the older step
      // would roll back too, and finds everything in place)
      notes.add("the journal could not record the rollback" + unlessSaid(reason, e));
    }
    pause.reached(Step.ROLLBACK.stored());
    listener.step(target, "rolling back " + plan.primary().name());
    if (snapshotted) {
      listener.step(target, "restoring the volumes of " + plan.primary().name() + " from their snapshots");
    }
    List<String> problems = new ArrayList<>(reconciler.rollBack(plan, newIds, began, snapshotted));
    // a file someone else changed meanwhile is left to them: a note, the containers are sound
    notes.addAll(files.restore(plan.files()));
    if (disturbed) {
      problems.addAll(reconciler.restartDependants(plan));
    }
    if (problems.isEmpty()) {
      finishQuietly(entry, RolloutOutcome.ROLLED_BACK, notes, reason);
      String said = snapshotted ? reason + "; its volumes were restored from the snapshots taken before" : reason;
      return new Outcome(RolloutOutcome.ROLLED_BACK, withNotes(said, notes), logTail);
    }
    finishQuietly(entry, RolloutOutcome.BROKEN, notes, reason);
    return new Outcome(
        RolloutOutcome.BROKEN,
        withNotes(reason + "; rolling back failed too: " + String.join("; ", problems), notes),
        logTail);
  }

  private static String withNotes(String message, List<String> notes) {
    return notes.isEmpty() ? message : message + "; " + String.join("; ", notes);
  }

  /** The failing new container's last lines, its environment values masked. */
  private List<String> logTail(String id) {
    List<String> secrets = ops.find(id).map(ContainerInfo::envValues).orElse(List.of());
    return LogTail.masked(ops.logs(id, LOG_LINES), secrets);
  }

  /**
   * After the commit is journaled the update is completed whatever happens; a step that cannot
   * be journaled then is a warning, since a recovery would complete it the same way.
   */
  private void noteAfterCommit(
      long entry, Step step, Member member, Map<String, String> newIds, boolean snapshotted,
      List<String> warnings) {
    try {
      announce(entry, step, member, newIds, snapshotted);
    } catch (RuntimeException e) {
      warnings.add("the journal could not record step '" + step + "': " + e.getMessage());
    }
  }

  private void finishQuietly(long entry, RolloutOutcome outcome, List<String> notes, String said) {
    try {
      journal.finish(entry, outcome.name());
    } catch (RuntimeException e) {
      // the next run's recovery finds the containers as they are now and closes the entry
      notes.add("the journal could not close the entry" + unlessSaid(said + String.join("; ", notes), e));
    }
  }

  /** {@code ": <message>"}, or nothing when {@code said} has that message already (a full disk). */
  private static String unlessSaid(String said, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    int cause = message.indexOf(": ");
    String core = cause < 0 ? message : message.substring(cause + 2);
    return said != null && said.contains(core) ? "" : ": " + message;
  }

  private void announce(
      long entry, Step step, Member member, Map<String, String> newIds, boolean snapshotted) {
    journal.step(entry, step.stored(), new RecreationState(member.name(), newIds, null, snapshotted).toJson());
    pause.reached(step.stored());
  }

  /**
   * With the old container stopped (so the copy is consistent) and before the new one starts:
   * each volume into its snapshot. A run killed here leaves them incomplete, and its recovery
   * discards them.
   */
  private void takeSnapshots(
      Target target, long entry, RecreationPlan plan, Map<String, String> newIds, RolloutListener listener) {
    Member primary = plan.primary();
    announce(entry, Step.SNAPSHOT, primary, newIds, false);
    listener.step(
        target, "snapshotting the volumes " + String.join(", ", plan.backup().snapshots().keySet()));
    try {
      snapshots.take(plan);
    } catch (RuntimeException e) {
      throw new UpdateFailure(primary.name() + ": cannot snapshot its volumes: " + EngineMessages.of(e), e);
    }
  }

  /** A rollback with data: the kept snapshot's data into the volumes, after the fresh snapshot. */
  private void restoreKept(
      Target target, long entry, RecreationPlan plan, Map<String, String> newIds, RolloutListener listener) {
    if (plan.backup().restoreFrom().isEmpty()) {
      return;
    }
    Member primary = plan.primary();
    announce(entry, Step.RESTORE_SNAPSHOT, primary, newIds, true);
    listener.step(target, "restoring the volumes from " + String.join(", ", plan.backup().restoreFrom().values()));
    try {
      snapshots.restoreKept(plan.backup());
    } catch (RuntimeException e) {
      throw new UpdateFailure(primary.name() + ": cannot restore the kept snapshot: " + EngineMessages.of(e), e);
    }
  }
}
