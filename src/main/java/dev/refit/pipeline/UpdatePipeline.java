package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.notify.EventType;
import dev.refit.notify.Notification;
import dev.refit.notify.Notifiers;
import dev.refit.plan.GateDecision;
import dev.refit.plan.GateVerdict;
import dev.refit.plan.UpdateGates;
import dev.refit.store.Approvals;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one core every trigger feeds: inventory, check, plan, rollout, record. Schedule, webhooks,
 * Docker events, the API and the CLI all build a {@link CycleRequest} and call {@link #run}; what
 * differs between them is only which targets the request names.
 */
public final class UpdatePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(UpdatePipeline.class);

  private final TargetInventory inventory;
  private final TargetChecker checker;
  private final UpdateGates gates;
  private final Rollout rollout;
  private final UpdateHistory history;
  private final Approvals approvals;
  private final Notifiers notifiers;
  private final Clock clock;
  private final String hostname;

  public UpdatePipeline(
      TargetInventory inventory,
      TargetChecker checker,
      UpdateGates gates,
      Rollout rollout,
      UpdateHistory history,
      Approvals approvals,
      Notifiers notifiers,
      Clock clock,
      String hostname) {
    this.inventory = inventory;
    this.checker = checker;
    this.gates = gates;
    this.rollout = rollout;
    this.history = history;
    this.approvals = approvals;
    this.notifiers = notifiers;
    this.clock = clock;
    this.hostname = hostname;
  }

  public CycleReport run(CycleRequest request) {
    Instant started = clock.instant();
    String trigger = request.trigger();
    List<Target> targets;
    try {
      targets = inventory.discover().stream().filter(t -> inScope(t, request)).toList();
    } catch (RuntimeException e) {
      LOG.warn("cycle ({}) could not list targets: {}", trigger, e.getMessage());
      return new CycleReport(
          trigger, request.all(), started, Duration.between(started, clock.instant()), List.of(), List.of(), null,
          e.getMessage());
    }
    TargetChecker.Checked checked = checker.check(targets);
    List<TargetReport> reports = new ArrayList<>();
    Instant retryAt = null;
    for (CheckResult result : checked.results()) {
      TargetReport report = handle(result, request, trigger);
      reports.add(report);
      Instant retry = report.decision() == null ? null : report.decision().retryAt();
      if (retry != null && (retryAt == null || retry.isBefore(retryAt))) {
        retryAt = retry;
      }
    }
    Duration took = Duration.between(started, clock.instant());
    LOG.info(
        "cycle ({}) checked {} target(s) in {} ms: {} update(s) available, {} applied",
        trigger,
        reports.size(),
        took.toMillis(),
        reports.stream().filter(r -> r.check().status() == CheckStatus.UPDATE_AVAILABLE).count(),
        reports.stream().filter(r -> r.outcome() != null && r.outcome().outcome() == UpdateOutcome.APPLIED).count());
    return new CycleReport(trigger, request.all(), started, took, reports, checked.registries(), retryAt, null);
  }

  private TargetReport handle(CheckResult result, CycleRequest request, String trigger) {
    Instant now = clock.instant();
    String labelProblem = UpdateGates.labelProblem(result.target());
    if (result.status() != CheckStatus.UPDATE_AVAILABLE) {
      return new TargetReport(result, null, null, labelProblem, now);
    }
    boolean forced = request.forceApply().contains(result.target().name());
    GateDecision decision = gates.decide(result, now, forced);
    if (decision.newlySeen()) {
      notifiers.publish(notification(EventType.UPDATE_AVAILABLE, result, decision, decision.reason()));
    }
    if (decision.verdict() != GateVerdict.APPLY) {
      return new TargetReport(result, decision, null, labelProblem, now);
    }
    Instant startedAt = clock.instant();
    LOG.info("applying {} to {} ({})", result.update().image(), result.target().name(), trigger);
    RolloutOutcome outcome;
    try {
      outcome = rollout.apply(result, trigger);
    } catch (RuntimeException e) {
      // an applier must not throw; if one does, the update still ends as a recorded failure
      outcome = RolloutOutcome.failed("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (decision.approvalId() != null) {
      approvals.done(decision.approvalId());
    }
    if (!outcome.recorded()) {
      record(result, outcome, startedAt, trigger);
    }
    notifiers.publish(notification(eventFor(outcome.outcome()), result, decision, outcome.message()));
    return new TargetReport(result, decision, outcome, labelProblem, now);
  }

  private void record(CheckResult result, RolloutOutcome outcome, Instant startedAt, String trigger) {
    Target t = result.target();
    history.record(
        new HistoryEntry(
            0,
            startedAt,
            clock.instant(),
            t.kind().label(),
            t.name(),
            t.location(),
            t.image(),
            result.update().image().toString(),
            result.currentDigest() == null ? null : result.currentDigest().toString(),
            result.update().digest() == null ? null : result.update().digest().toString(),
            outcome.outcome(),
            outcome.message(),
            trigger));
  }

  private static EventType eventFor(UpdateOutcome outcome) {
    return switch (outcome) {
      case APPLIED, RECOVERED -> EventType.APPLIED;
      case ROLLED_BACK -> EventType.ROLLED_BACK;
      case FAILED, BROKEN -> EventType.FAILED;
    };
  }

  private Notification notification(
      EventType type, CheckResult r, GateDecision decision, String message) {
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
        decision.mode().label(),
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
