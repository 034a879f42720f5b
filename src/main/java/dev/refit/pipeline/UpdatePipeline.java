package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.notify.EventType;
import dev.refit.notify.Notification;
import dev.refit.notify.Notifiers;
import dev.refit.plan.GateDecision;
import dev.refit.plan.GateRule;
import dev.refit.plan.PlanRule;
import dev.refit.plan.Planner;
import dev.refit.plan.UpdateGates;
import dev.refit.plan.UpdatePlan;
import dev.refit.registry.RegistryHostStats;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.check.CheckProgress;
import dev.refit.store.Approvals;
import dev.refit.store.StateLock;
import dev.refit.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of the one core: every trigger (schedule, webhook, Docker event, API,
 * approval) becomes a {@link CycleRequest}, and each request runs one {@link UpdateCycle} — the
 * same inventory, check, plan and rollout {@code refit update} runs — with the request's scope,
 * the gates (mode, approval, minimum age, maintenance windows) as a plan rule, and a rollout that
 * records the request's trigger in the history. Then it records what the CLI does not need:
 * notifications, approvals done, and the report the API and metrics read.
 */
public final class UpdatePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(UpdatePipeline.class);

  private final TargetInventory inventory;
  private final TargetChecker checker;
  private final UpdateGates gates;
  private final List<PlanRule> rules;
  private final Function<String, Rollout> rollouts;
  private final Supplier<StateLock> lock;
  private final Approvals approvals;
  private final Notifiers notifiers;
  private final Clock clock;
  private final String hostname;

  /**
   * @param rules the planner's other rules (monitor-only, own container), asked after the gates
   * @param rollouts the rollout for a cycle, by its trigger (which the history records)
   * @param lock taken for each cycle: one Refit at a time changes containers ({@code refit update}
   *     run by hand waits for the daemon's cycle, and the other way round)
   */
  public UpdatePipeline(
      TargetInventory inventory,
      TargetChecker checker,
      UpdateGates gates,
      List<PlanRule> rules,
      Function<String, Rollout> rollouts,
      Supplier<StateLock> lock,
      Approvals approvals,
      Notifiers notifiers,
      Clock clock,
      String hostname) {
    this.inventory = inventory;
    this.checker = checker;
    this.gates = gates;
    this.rules = List.copyOf(rules);
    this.rollouts = rollouts;
    this.lock = lock;
    this.approvals = approvals;
    this.notifiers = notifiers;
    this.clock = clock;
    this.hostname = hostname;
  }

  public CycleReport run(CycleRequest request) {
    Instant started = clock.instant();
    String trigger = request.trigger();
    GateRule gate = new GateRule(gates, started, request.forceApply());
    List<PlanRule> all = new ArrayList<>();
    all.add(gate); // first: it sees every available update (sightings, approvals, announcements)
    all.addAll(rules);
    AtomicReference<List<RegistryHostStats>> registries = new AtomicReference<>(List.of());
    UpdateCycle cycle =
        new UpdateCycle(
            () -> inventory.discover().stream().filter(t -> inScope(t, request)).toList(),
            (targets, progress) -> {
              TargetChecker.Checked checked = checker.check(targets);
              registries.set(checked.registries());
              return checked.results();
            },
            new Planner(all, false),
            rollouts.apply(trigger));
    UpdateReport report;
    try (StateLock held = lock.get()) {
      report = cycle.run(List.of(), false, CheckProgress.none(), RolloutListener.none());
    } catch (RuntimeException e) {
      LOG.warn("cycle ({}) failed: {}", trigger, e.getMessage());
      return new CycleReport(
          trigger, request.all(), started, Duration.between(started, clock.instant()), List.of(),
          registries.get(), null, e.getMessage());
    }
    for (RecoveryResult r : report.recovered()) {
      LOG.info("finished an update a killed run left behind: {}", r);
    }
    List<TargetReport> reports = record(report, gate);
    Instant retryAt =
        reports.stream()
            .map(TargetReport::decision)
            .filter(d -> d != null && d.retryAt() != null)
            .map(GateDecision::retryAt)
            .min(Instant::compareTo)
            .orElse(null);
    Duration took = Duration.between(started, clock.instant());
    LOG.info(
        "cycle ({}) checked {} target(s) in {} ms: {} update(s) available, {} rolled out",
        trigger,
        reports.size(),
        took.toMillis(),
        reports.stream().filter(r -> r.check().status() == CheckStatus.UPDATE_AVAILABLE).count(),
        report.rollouts().size());
    return new CycleReport(trigger, request.all(), started, took, reports, registries.get(), retryAt, null);
  }

  /** Notifications and approvals for what the cycle found and did; one report per target. */
  private List<TargetReport> record(UpdateReport report, GateRule gate) {
    Map<String, UpdatePlan> plans =
        report.plans().stream().collect(Collectors.toMap(p -> p.target().id(), p -> p, (a, b) -> a));
    Map<String, RolloutResult> outcomes =
        report.rollouts().stream().collect(Collectors.toMap(r -> r.target().id(), r -> r, (a, b) -> b));
    List<TargetReport> reports = new ArrayList<>();
    Instant now = clock.instant();
    for (CheckResult result : report.checks()) {
      String id = result.target().id();
      GateDecision decision = gate.decision(id).orElse(null);
      RolloutResult outcome = outcomes.get(id);
      if (decision != null && decision.newlySeen()) {
        notifiers.publish(notification(EventType.UPDATE_AVAILABLE, result, decision, decision.reason()));
      }
      if (outcome != null) {
        if (decision != null && decision.approvalId() != null) {
          approvals.done(decision.approvalId());
        }
        eventFor(outcome)
            .ifPresent(e -> notifiers.publish(notification(e, result, decision, outcome.message())));
      }
      reports.add(
          new TargetReport(
              result, decision, plans.get(id), outcome, UpdateGates.labelProblem(result.target()), now));
    }
    return reports;
  }

  private static Optional<EventType> eventFor(RolloutResult result) {
    return switch (result.outcome()) {
      case APPLIED -> Optional.of(EventType.APPLIED);
      case ROLLED_BACK -> Optional.of(EventType.ROLLED_BACK);
      case FAILED, BROKEN -> Optional.of(EventType.FAILED);
      case HANDED_OVER -> Optional.empty(); // the helper finishing it records the result
    };
  }

  private Notification notification(EventType type, CheckResult r, GateDecision decision, String message) {
    Target t = r.target();
    return new Notification(
        type,
        t.kind().label(),
        t.name(),
        t.location(),
        r.image() == null ? t.image() : r.image().toString(),
        r.currentDigest() == null ? null : r.currentDigest().toString(),
        r.update().image().toString(),
        r.update().digest() == null ? null : r.update().digest().toString(),
        decision == null ? null : decision.mode().label(),
        message,
        clock.instant(),
        hostname);
  }

  static boolean inScope(Target target, CycleRequest request) {
    if (request.all()
        || request.targetIds().contains(target.id())
        || request.targetNames().contains(target.name())) {
      return true;
    }
    if (request.images().isEmpty() || target.image() == null) {
      return false;
    }
    Optional<ImageReference> image = parse(target.image());
    return image.isPresent() && request.images().stream().anyMatch(n -> n.matches(image.get()));
  }

  private static Optional<ImageReference> parse(String text) {
    try {
      return Optional.of(ImageReference.parse(text));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }
}
