package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.CheckStatus;
import dev.refit.plan.GateDecision;
import dev.refit.plan.GateRule;
import dev.refit.plan.PlanRule;
import dev.refit.plan.UpdateGates;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.store.StateLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one core every front door calls: {@code refit update} with its names or everything, the
 * daemon with what its triggers (schedule, webhook, Docker event, API, approval) asked for. Each
 * {@link CycleRequest} runs one {@link UpdateCycle} under the state lock, with the request's scope,
 * the gates (mode, approval, minimum age, maintenance windows, giving way where a person asked) as
 * the first plan rule and a rollout that records the request's trigger in the history; then the
 * {@link CycleRecorder} sends the notifications. Built by {@link PipelineFactory}.
 */
public final class UpdatePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(UpdatePipeline.class);

  private final TargetInventory inventory;
  private final TargetChecker checker;
  private final UpdateGates gates;
  private final List<PlanRule> rules;
  private final Function<String, Rollout> rollouts;
  private final Supplier<StateLock> lock;
  private final CycleRecorder recorder;
  private final Clock clock;
  private final boolean dryRun;

  /**
   * @param rules the planner's other rules (monitor-only, own container), asked after the gates
   * @param rollouts the rollout for a cycle, by its trigger (which the history records)
   * @param lock taken for each cycle: one Refit at a time changes targets ({@code refit update}
   *     run by hand waits for the daemon's cycle, and the other way round)
   * @param dryRun every cycle only describes what it would do, and records nothing
   */
  UpdatePipeline(
      TargetInventory inventory,
      TargetChecker checker,
      UpdateGates gates,
      List<PlanRule> rules,
      Function<String, Rollout> rollouts,
      Supplier<StateLock> lock,
      CycleRecorder recorder,
      Clock clock,
      boolean dryRun) {
    this.inventory = inventory;
    this.checker = checker;
    this.gates = gates;
    this.rules = List.copyOf(rules);
    this.rollouts = rollouts;
    this.lock = lock;
    this.recorder = recorder;
    this.clock = clock;
    this.dryRun = dryRun;
  }

  public CycleReport run(CycleRequest request) {
    return run(request, CheckProgress.none(), RolloutListener.none());
  }

  /**
   * @param progress told as images are checked
   * @param listener told of each rollout step and result
   * @throws RuntimeException when the cycle cannot run (engine unreachable, state unusable); the
   *     caller reports it
   */
  public CycleReport run(CycleRequest request, CheckProgress progress, RolloutListener listener) {
    Instant started = clock.instant();
    String trigger = request.trigger();
    List<PlanRule> all = new ArrayList<>();
    Function<String, Optional<GateDecision>> decisions = id -> Optional.empty();
    if (!dryRun) {
      // The gates record what they see (sightings, approvals), and a dry run changes nothing: it
      // does not ask them. First: they see every available update, to announce it.
      GateRule gate = new GateRule(gates, started, request::forced);
      all.add(gate);
      decisions = gate::decision;
    }
    all.addAll(rules);
    UpdateCycle cycle = new UpdateCycle(inventory, checker, all, rollouts.apply(trigger), dryRun);
    UpdateReport report;
    try (StateLock held = lock.get()) {
      report = cycle.run(request, progress, listener);
    }
    for (RecoveryResult r : report.housekeeping().recovered()) {
      LOG.info("finished an update a killed run left behind: {}", r);
    }
    List<TargetReport> targets = recorder.record(report, decisions);
    Instant retryAt =
        targets.stream()
            .map(TargetReport::decision)
            .filter(d -> d != null && d.retryAt() != null)
            .map(GateDecision::retryAt)
            .min(Instant::compareTo)
            .orElse(null);
    Duration took = Duration.between(started, clock.instant());
    LOG.info(
        "cycle ({}) checked {} target(s) in {} ms: {} update(s) available, {} rolled out",
        trigger,
        targets.size(),
        took.toMillis(),
        targets.stream().filter(t -> t.check().status() == CheckStatus.UPDATE_AVAILABLE).count(),
        report.rollouts().size());
    return new CycleReport(
        trigger, request.all(), started, took, targets, report.registries(), retryAt, null,
        report.housekeeping(), report.unknownNames());
  }
}
