package dev.refit.rollout.container;

import dev.refit.rollout.Readiness;
import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Watches a new container until a verdict: an exit or a restart fails it at any time; what counts
 * as ready, and what the end of the time allowed means, is the subclass's to judge.
 */
abstract class ContainerWatch implements Readiness {
  private final Supplier<ContainerInfo> inspect;
  private final Duration limit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;
  private final Supplier<OptionalInt> lastExit;

  /**
   * @param lastExit the code of the container's last exit from the engine's events, or empty when
   *     they cannot tell (see {@link ContainerTrouble#since})
   */
  ContainerWatch(
      Supplier<ContainerInfo> inspect,
      Supplier<OptionalInt> lastExit,
      Duration limit,
      Clock clock,
      Sleeper sleeper,
      Duration poll) {
    this.inspect = inspect;
    this.lastExit = lastExit;
    this.limit = limit;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
  }

  /** The time allowed: the health timeout, or the stability window. */
  final Duration limit() {
    return limit;
  }

  /**
   * The verdict for the container as it is now, or {@code null} to keep watching.
   *
   * @param timeIsUp whether {@link #limit()} has passed since the watch began
   */
  abstract ReadinessVerdict judge(ContainerInfo now, boolean timeIsUp);

  @Override
  public final ReadinessVerdict await() throws InterruptedException {
    ContainerInfo first = inspect.get();
    Instant end = clock.instant().plus(limit);
    ContainerInfo now = first;
    while (true) {
      String problem = ContainerTrouble.since(first, now, lastExit);
      if (problem != null) {
        return ReadinessVerdict.failed(problem);
      }
      ReadinessVerdict verdict = judge(now, !clock.instant().isBefore(end));
      if (verdict != null) {
        return verdict;
      }
      sleeper.sleep(poll);
      now = inspect.get();
    }
  }
}
