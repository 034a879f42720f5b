package dev.refit.plan;

import dev.refit.check.CheckResult;
import dev.refit.target.RefitLabels;
import java.util.Optional;

/** {@code --monitor-only} or the label {@code refit.monitor-only=true}: report, never apply. */
public final class MonitorOnly implements PlanRule {
  private final boolean everything;

  /** @param everything whether {@code --monitor-only} was given: holds every update */
  public MonitorOnly(boolean everything) {
    this.everything = everything;
  }

  @Override
  public Optional<String> hold(CheckResult update) {
    if (everything) {
      return Optional.of("monitor only (--monitor-only)");
    }
    if (update.target().rules().monitorOnly()) {
      return Optional.of("monitor only (label " + RefitLabels.MONITOR_ONLY + ")");
    }
    return Optional.empty();
  }
}
