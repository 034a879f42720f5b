package dev.refit.plan;

import dev.refit.check.CheckResult;
import dev.refit.target.Target;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The gates ({@link UpdateGates}: mode, approval, minimum age, maintenance windows) as one
 * rule of the {@link Planner}, for one cycle. It keeps each decision, whose verdict, retry time and
 * approval the API and the wake-up timer need beyond the plan's reason.
 */
public final class GateRule implements PlanRule {
  private final UpdateGates gates;
  private final Instant now;
  private final Predicate<Target> forced;
  private final Map<String, GateDecision> decisions = new ConcurrentHashMap<>();

  /**
   * @param now the cycle's time
   * @param forced whether a person asked for a target's update now ({@code refit update}, an API
   *     apply): mode, approval, age and window give way, other rules (monitor-only) do not
   */
  public GateRule(UpdateGates gates, Instant now, Predicate<Target> forced) {
    this.gates = gates;
    this.now = now;
    this.forced = forced;
  }

  @Override
  public Optional<String> hold(CheckResult update) {
    GateDecision d = gates.decide(update, now, forced.test(update.target()));
    decisions.put(update.target().id(), d);
    return switch (d.verdict()) {
      case APPLY -> Optional.empty();
      case REPORT -> Optional.of("mode notify: reported, not applied");
      case WAIT, AWAIT_APPROVAL -> Optional.of(java.util.Objects.requireNonNullElse(d.reason(), "waits"));
    };
  }

  /** The decision taken for a target in this cycle, by target id. */
  public Optional<GateDecision> decision(String targetId) {
    return Optional.ofNullable(decisions.get(targetId));
  }
}
