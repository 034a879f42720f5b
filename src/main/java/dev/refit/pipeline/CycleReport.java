package dev.refit.pipeline;

import dev.refit.registry.RegistryHostStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One cycle, end to end, whichever front door asked for it: what the CLI prints, what the API,
 * the metrics and the wake-up timer read.
 *
 * @param full whether every target was looked at (so targets missing from it are gone)
 * @param targets one report per target the cycle checked
 * @param retryAt the earliest time a waiting update may go ahead, or {@code null}
 * @param error why the cycle could not run at all (engine unreachable), or {@code null}
 * @param housekeeping what it settled first: updates a killed run left, leftovers of earlier runs
 * @param unknownNames names asked for that no target has
 */
public record CycleReport(
    String trigger,
    boolean full,
    Instant startedAt,
    Duration duration,
    List<TargetReport> targets,
    List<RegistryHostStats> registries,
    Instant retryAt,
    String error,
    Housekeeping housekeeping,
    List<String> unknownNames) {

  public CycleReport {
    targets = List.copyOf(targets);
    registries = List.copyOf(registries);
    unknownNames = List.copyOf(unknownNames);
  }

  /** A cycle that could not run at all. */
  public static CycleReport failed(
      String trigger, boolean full, Instant startedAt, Duration duration, String error) {
    return new CycleReport(
        trigger, full, startedAt, duration, List.of(), List.of(), null, error, Housekeeping.none(),
        List.of());
  }
}
