package dev.refit.pipeline;

import dev.refit.check.CheckResult;
import dev.refit.notify.EventType;
import dev.refit.notify.Notification;
import dev.refit.notify.Notifiers;
import dev.refit.plan.GateDecision;
import dev.refit.plan.UpdateGates;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.Approvals;
import dev.refit.target.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The record step after the rollout (which writes the history itself): tells the notifiers what a
 * cycle found and did, marks the approvals it used up as done, and joins it all into one report
 * per target.
 */
final class CycleRecorder {
  private final Notifiers notifiers;
  private final Approvals approvals;
  private final Clock clock;
  private final String hostname;

  /** @param hostname the machine Refit runs on, for notifications */
  CycleRecorder(Notifiers notifiers, Approvals approvals, Clock clock, String hostname) {
    this.notifiers = notifiers;
    this.approvals = approvals;
    this.clock = clock;
    this.hostname = hostname;
  }

  /** @param decisions the gates' decision per target id, empty where they were not asked */
  List<TargetReport> record(UpdateReport report, Function<String, Optional<GateDecision>> decisions) {
    Map<String, UpdatePlan> plans =
        report.plans().stream().collect(Collectors.toMap(p -> p.target().id(), p -> p, (a, b) -> a));
    Map<String, RolloutResult> outcomes =
        report.rollouts().stream().collect(Collectors.toMap(r -> r.target().id(), r -> r, (a, b) -> b));
    List<TargetReport> reports = new ArrayList<>();
    Instant now = clock.instant();
    for (CheckResult result : report.checks()) {
      String id = result.target().id();
      GateDecision decision = decisions.apply(id).orElse(null);
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
              result, decision, plans.get(id), outcome, UpdateGates.labelProblem(result.target()), now,
              report.previews().getOrDefault(id, List.of())));
    }
    return reports;
  }

  private static Optional<EventType> eventFor(RolloutResult result) {
    return switch (result.outcome()) {
      case APPLIED -> Optional.of(EventType.APPLIED);
      case ROLLED_BACK -> Optional.of(EventType.ROLLED_BACK);
      case FAILED, BROKEN -> Optional.of(EventType.FAILED);
      case HANDED_OVER, SKIPPED -> Optional.empty(); // the helper (other Refit) records the result
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
}
