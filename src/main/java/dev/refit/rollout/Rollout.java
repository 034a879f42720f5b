package dev.refit.rollout;

import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.target.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout step of the pipeline: hands each planned update to the applier of its target's kind
 * and records every outcome in the history. Before anything else it recovers: updates a killed
 * run left in the journal are completed or undone by the applier that began them.
 */
public final class Rollout {
  private static final int HISTORY_LOG_LINES = 5;

  private final List<Applier> appliers;
  private final Journal journal;
  private final UpdateHistory history;
  private final String trigger;
  private final Clock clock;

  /**
   * @param trigger what started this run, for the history: {@code cli}, {@code self-update}, ...
   */
  public Rollout(
      List<Applier> appliers, Journal journal, UpdateHistory history, String trigger, Clock clock) {
    this.appliers = List.copyOf(appliers);
    this.journal = journal;
    this.history = history;
    this.trigger = trigger;
    this.clock = clock;
  }

  /** Unfinished journal entries, without touching them (for a dry run). */
  public List<JournalEntry> pendingRecovery() {
    return journal.unfinished();
  }

  /**
   * Completes or undoes every update a killed run left unfinished, oldest first; then repairs
   * what earlier runs left without a journal entry.
   */
  public List<RecoveryResult> recover() {
    List<RecoveryResult> results = new ArrayList<>();
    for (JournalEntry entry : journal.unfinished()) {
      Optional<Applier> applier = appliers.stream().filter(a -> a.recovers(entry)).findFirst();
      if (applier.isEmpty()) {
        // another Refit (a newer one, or one with more appliers) owns it; leave it for that one
        continue;
      }
      Instant started = clock.instant();
      Optional<RecoveryResult> done = applier.get().recover(entry);
      done.ifPresent(
          r -> {
            history.record(
                HistoryEntry.of(applier.get().kind().label(), entry.targetName(), entry.location())
                    .between(started, clock.instant())
                    .images(r.fromImage(), r.toImage())
                    .outcome(r.outcome(), r.message())
                    .trigger(trigger)
                    .build());
            results.add(r);
          });
    }
    for (Applier applier : appliers) {
      for (RecoveryResult r : applier.recoverOrphans()) {
        Instant now = clock.instant();
        history.record(
            HistoryEntry.of(applier.kind().label(), r.targetName(), r.location())
                .between(now, now)
                .images(r.fromImage(), r.toImage())
                .outcome(r.outcome(), r.message())
                .trigger(trigger)
                .build());
        results.add(r);
      }
    }
    return results;
  }

  /** Removes what earlier runs left behind on purpose; one line per thing removed. */
  public List<String> tidyUp() {
    List<String> lines = new ArrayList<>();
    appliers.forEach(a -> lines.addAll(a.tidyUp()));
    return lines;
  }

  /** What applying the plan would do, for a dry run. */
  public List<String> preview(UpdatePlan plan) {
    return applierFor(plan.target()).map(a -> a.preview(plan)).orElse(List.of("no applier for this kind"));
  }

  /**
   * Applies every plan decided {@link Decision#APPLY}, one target at a time, grouped by applier in
   * the order the appliers were given; records each outcome.
   */
  public List<RolloutResult> apply(List<UpdatePlan> plans, RolloutListener listener) {
    Map<Applier, List<UpdatePlan>> byApplier = new LinkedHashMap<>();
    appliers.forEach(a -> byApplier.put(a, new ArrayList<>()));
    List<RolloutResult> results = new ArrayList<>();
    // what was asked for by name (an exact tag, a rollback) goes with the result, so the table,
    // the history and the notifications say the policy and gates gave way
    Map<String, String> asked = new LinkedHashMap<>();
    for (UpdatePlan plan : plans) {
      if (plan.decision() != Decision.APPLY) {
        continue;
      }
      if (plan.check().reason() != null) {
        asked.put(plan.target().id(), plan.check().reason());
      }
      Optional<Applier> applier = applierFor(plan.target());
      if (applier.isPresent()) {
        byApplier.get(applier.get()).add(plan);
      }
    }
    // appliers report steps; results are announced here, once recorded
    RolloutListener stepsOnly =
        new RolloutListener() {
          @Override
          public void step(Target target, String description) {
            listener.step(target, description);
          }
        };
    byApplier.forEach(
        (applier, mine) -> {
          if (!mine.isEmpty()) {
            for (RolloutResult applied : applier.applyAll(mine, stepsOnly)) {
              RolloutResult result = recorded(noted(applied, asked.get(applied.target().id())));
              listener.finished(result);
              results.add(result);
            }
          }
        });
    return results;
  }

  private static RolloutResult noted(RolloutResult r, String note) {
    if (note == null) {
      return r;
    }
    return r.withMessage(r.message() == null ? note : note + "; " + r.message());
  }

  /**
   * Records the result; when the history cannot be written (a full disk) the result still reaches
   * the user, saying so: what happened to the target matters more than the record of it.
   */
  private RolloutResult recorded(RolloutResult r) {
    try {
      record(r);
      return r;
    } catch (RuntimeException e) {
      String note = "not recorded in the history: " + e.getMessage();
      return r.withMessage(r.message() == null ? note : r.message() + "; " + note);
    }
  }

  private void record(RolloutResult r) {
    r.outcome()
        .history()
        .ifPresent(
            outcome ->
                history.record(
                    HistoryEntry.of(r.target().kind().label(), r.target().name(), r.target().location())
                        .between(r.startedAt(), r.finishedAt())
                        .images(r.fromImage(), r.toImage())
                        .digests(r.fromDigest(), r.toDigest())
                        .outcome(outcome, historyMessage(r))
                        .trigger(trigger)
                        .build()));
  }

  /** The message and the last few log lines of a failed new version, on one line. */
  static String historyMessage(RolloutResult r) {
    String message = r.message();
    List<String> logs = r.logTail();
    if (logs.isEmpty()) {
      return message;
    }
    List<String> last = logs.subList(Math.max(0, logs.size() - HISTORY_LOG_LINES), logs.size());
    String tail = "last log lines: " + String.join(" | ", last);
    return message == null ? tail : message + "; " + tail;
  }

  private Optional<Applier> applierFor(Target target) {
    return appliers.stream().filter(a -> a.handles(target)).findFirst();
  }

}
