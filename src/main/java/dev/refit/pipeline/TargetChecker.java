package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.CheckResult;
import dev.refit.registry.RegistryHostStats;
import dev.refit.target.Target;
import dev.refit.check.WantedImage;
import java.util.List;
import java.util.Map;

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

  /**
   * As {@link #check(List, CheckProgress)}, with the exact images some targets were asked to run
   * instead of what their policy picks ({@code refit update --to}, rollbacks, the deploy hook).
   *
   * @param wanted by target id
   */
  default Checked check(List<Target> targets, Map<String, WantedImage> wanted, CheckProgress progress) {
    if (!wanted.isEmpty()) {
      throw new UnsupportedOperationException("this checker cannot check exact images");
    }
    return check(targets, progress);
  }
}
