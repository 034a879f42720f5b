package dev.refit.plan;

import dev.refit.check.CheckResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's gates ({@link UpdateGates}: mode, approval, minimum age, maintenance windows) as one
 * rule of the {@link Planner}, for one cycle. It keeps each decision, whose verdict, retry time and
 * approval the API and the wake-up timer need beyond the plan's reason.
 */
public final class GateRule implements PlanRule {
  private final UpdateGates gates;
  private final Instant now;
  private final Set<String> forced;
  private final Map<String, GateDecision> decisions = new ConcurrentHashMap<>();

  /**
   * @param now the cycle's time
   * @param forced names of targets a person asked to update now
   */
  public GateRule(UpdateGates gates, Instant now, Set<String> forced) {
    this.gates = gates;
    this.now = now;
    this.forced = Set.copyOf(forced);
  }

  @Override
  public Optional<String> hold(CheckResult update) {
    GateDecision d = gates.decide(update, now, forced.contains(update.target().name()));
    decisions.put(update.target().id(), d);
    return switch (d.verdict()) {
      case APPLY -> Optional.empty();
      case REPORT -> Optional.of("mode notify: reported, not applied");
      case WAIT, AWAIT_APPROVAL -> Optional.of(d.reason());
    };
  }

  /** The decision taken for a target in this cycle, by target id. */
  public Optional<GateDecision> decision(String targetId) {
    return Optional.ofNullable(decisions.get(targetId));
  }
}
