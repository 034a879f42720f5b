package dev.refit.pipeline;

import dev.refit.registry.RegistryHostStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One cycle, end to end.
 *
 * @param full whether every target was looked at (so targets missing from it are gone)
 * @param retryAt the earliest time a waiting update may go ahead, or {@code null}
 * @param error why the cycle could not run at all (engine unreachable), or {@code null}
 */
public record CycleReport(
    String trigger,
    boolean full,
    Instant startedAt,
    Duration duration,
    List<TargetReport> targets,
    List<RegistryHostStats> registries,
    Instant retryAt,
    String error) {
  public CycleReport {
    targets = List.copyOf(targets);
    registries = List.copyOf(registries);
  }
}
