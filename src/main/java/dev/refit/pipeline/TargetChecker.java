package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.CheckResult;
import dev.refit.registry.RegistryHostStats;
import dev.refit.target.Target;
import java.util.List;

/** The check step: verdicts for some targets, and what asking the registries cost. */
@FunctionalInterface
public interface TargetChecker {
  /**
   * @param registries requests, errors and rate limits per registry host during this check
   */
  record Checked(List<CheckResult> results, List<RegistryHostStats> registries) {
    public Checked {
      results = List.copyOf(results);
      registries = List.copyOf(registries);
    }
  }

  /** @param progress told as images are checked, from worker threads */
  Checked check(List<Target> targets, CheckProgress progress);
}
