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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final int parallelism;

  /**
   * @param trigger what started this run, for the history: {@code cli}, {@code self-update}, ...
   * @param parallelism how many independent updates run at once ({@code update.parallelism})
   */
  public Rollout(
      List<Applier> appliers,
      Journal journal,
      UpdateHistory history,
      String trigger,
      Clock clock,
      int parallelism) {
    this.appliers = List.copyOf(appliers);
    this.journal = journal;
    this.history = history;
    this.trigger = trigger;
    this.clock = clock;
    this.parallelism = parallelism;
  }

  /** A rollout that applies one update at a time. */
  public Rollout(
      List<Applier> appliers, Journal journal, UpdateHistory history, String trigger, Clock clock) {
    this(appliers, journal, history, trigger, clock, 1);
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
   * Applies every plan decided {@link Decision#APPLY}. Updates that do not depend on each other
   * (see {@link Applier#groups}) run at the same time, up to the parallelism given, each with its
   * own readiness gate and rollback; those that do go one after another. A failure of one update
   * never stops another, nor its rollback. Each outcome is recorded and announced as it comes; the
   * results are listed in a fixed order (by applier, then group, then within the group), whatever
   * order they finished in.
   */
  public List<RolloutResult> apply(List<UpdatePlan> plans, RolloutListener listener) {
    RolloutListener serial = new OneAtATime(listener);
    List<Lane> lanes = lanes(plans);
    if (parallelism <= 1 || lanes.size() <= 1) {
      List<RolloutResult> results = new ArrayList<>();
      lanes.forEach(lane -> results.addAll(run(lane, serial)));
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, lanes.size()),
            new ThreadFactory() {
              private final AtomicInteger count = new AtomicInteger();

              @Override
              public Thread newThread(Runnable r) {
                return new Thread(r, "refit-rollout-" + count.incrementAndGet());
              }
            });
    List<Future<List<RolloutResult>>> running = new ArrayList<>();
    lanes.forEach(lane -> running.add(pool.submit(() -> run(lane, serial))));
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.DAYS)) {
          break;
        }
      } catch (InterruptedException e) {
        // Refit is stopping: the updates under way are interrupted, roll back, and are waited
        // for; those not started yet are not started
        interrupted = true;
        pool.shutdownNow();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    List<RolloutResult> results = new ArrayList<>();
    for (Future<List<RolloutResult>> f : running) {
      if (f.isDone() && !f.isCancelled()) {
        try {
          results.addAll(f.get());
        } catch (ExecutionException | InterruptedException e) {
          // run() turns every failure into a result; nothing else can end up here
        }
      }
    }
    return results;
  }

  /** One group of one applier's updates, applied one at a time. */
  private record Lane(Applier applier, List<UpdatePlan> plans) {}

  private List<Lane> lanes(List<UpdatePlan> plans) {
    Map<Applier, List<UpdatePlan>> byApplier = new LinkedHashMap<>();
    appliers.forEach(a -> byApplier.put(a, new ArrayList<>()));
    for (UpdatePlan plan : plans) {
      if (plan.decision() == Decision.APPLY) {
        applierFor(plan.target()).ifPresent(a -> byApplier.get(a).add(plan));
      }
    }
    List<Lane> lanes = new ArrayList<>();
    byApplier.forEach(
        (applier, mine) -> {
          if (mine.isEmpty()) {
            return;
          }
          List<DependencyGraph.Group<UpdatePlan>> groups;
          try {
            groups = applier.groups(mine);
          } catch (RuntimeException e) {
            // without knowing who depends on whom, one at a time is the safe order
            groups = List.of(new DependencyGraph.Group<>(mine, List.of()));
          }
          groups.forEach(g -> lanes.add(new Lane(applier, g.members())));
        });
    return lanes;
  }

  /** Applies a lane's updates in order, recording and announcing each; stops when interrupted. */
  private List<RolloutResult> run(Lane lane, RolloutListener listener) {
    // appliers report steps; results are announced here, once recorded
    RolloutListener stepsOnly =
        new RolloutListener() {
          @Override
          public void step(Target target, String description) {
            listener.step(target, description);
          }
        };
    List<RolloutResult> results = new ArrayList<>();
    for (UpdatePlan plan : lane.plans()) {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      // what was asked for by name (an exact tag, a rollback) goes with the result, so the table,
      // the history and the notifications say the policy and gates gave way
      RolloutResult result = recorded(noted(applied(lane.applier(), plan, stepsOnly), plan.check().reason()));
      results.add(result);
      listener.finished(result);
    }
    return results;
  }

  private static RolloutResult noted(RolloutResult r, String note) {
    if (note == null) {
      return r;
    }
    return r.withMessage(r.message() == null ? note : note + "; " + r.message());
  }

  /** The applier's result; a bug in it fails this update alone, never the others. */
  private RolloutResult applied(Applier applier, UpdatePlan plan, RolloutListener listener) {
    Instant started = clock.instant();
    if (plan.restoreData() && !applier.restoresData()) {
      return new RolloutResult(
          plan.target(), RolloutOutcome.FAILED, plan.target().image(), plan.update().image().toString(),
          null, null, "--with-data is not supported for a " + plan.target().kind().label()
              + ": Refit keeps no data snapshots of it; nothing changed",
          List.of(), started, clock.instant());
    }
    try {
      return applier.apply(plan, listener);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // Refit is stopping (a Swarm service replacing this very Refit, a SIGTERM): the update
        // is not over, its journal entry is, and the next run recovers and records it; a
        // "failed" here would be recorded for an update that may yet succeed or roll back
        throw e;
      }
      return new RolloutResult(
          plan.target(), RolloutOutcome.FAILED, plan.target().image(), plan.update().image().toString(),
          null, null, "internal error: " + e, List.of(), started, clock.instant());
    }
  }

  /**
   * Hands the listener one call at a time, as updates running at once report. A listener that
   * fails (a progress line on a closed terminal) never stops an update nor loses its result.
   */
  private static final class OneAtATime implements RolloutListener {
    private final RolloutListener listener;

    OneAtATime(RolloutListener listener) {
      this.listener = listener;
    }

    @Override
    public synchronized void step(Target target, String description) {
      try {
        listener.step(target, description);
      } catch (RuntimeException e) {
        // progress only: the update goes on
      }
    }

    @Override
    public synchronized void finished(RolloutResult result) {
      try {
        listener.finished(result);
      } catch (RuntimeException e) {
        // the result is recorded and returned all the same
      }
    }
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
