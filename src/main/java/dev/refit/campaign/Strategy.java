package dev.refit.campaign;

import java.time.Duration;
import java.util.List;

/**
 * How a campaign moves through its environments.
 *
 * @param canaries environments that go first, alone in the first wave (those not in the campaign
 *     are ignored)
 * @param soak how long each wave must stay good before the next starts
 * @param batchSize how many environments each later wave holds, at least 1
 * @param haltAfter how many failed environments halt the campaign, at least 1 (1: the first
 *     failure halts)
 * @param deadline how long an environment may take from the start of its wave to its report,
 *     waiting offline included; past it, it counts as failed
 */
public record Strategy(
    List<String> canaries, Duration soak, int batchSize, int haltAfter, Duration deadline) {

  public Strategy {
    canaries = List.copyOf(canaries);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (haltAfter < 1) {
      throw new IllegalArgumentException("halt threshold must be at least 1, got " + haltAfter);
    }
    if (soak.isNegative() || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("soak must not be negative and the deadline must be positive");
    }
  }

  /** One environment at a time, no canaries, no soak, the first failure halts, a day's deadline. */
  public static Strategy oneByOne() {
    return new Strategy(List.of(), Duration.ZERO, 1, 1, Duration.ofDays(1));
  }

  /**
   * The waves of {@code environments}: the canaries first (in the campaign's order), then the rest
   * in batches of {@link #batchSize}.
   */
  public List<List<String>> waves(List<String> environments) {
    List<String> first = environments.stream().filter(canaries::contains).toList();
    List<String> rest = environments.stream().filter(e -> !canaries.contains(e)).toList();
    java.util.ArrayList<List<String>> waves = new java.util.ArrayList<>();
    if (!first.isEmpty()) {
      waves.add(first);
    }
    for (int i = 0; i < rest.size(); i += batchSize) {
      waves.add(rest.subList(i, Math.min(rest.size(), i + batchSize)));
    }
    return List.copyOf(waves);
  }
}
