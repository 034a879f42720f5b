package dev.refit.rollout.container;

import dev.refit.config.Durations;
import dev.refit.rollout.Readiness;
import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * For a container without a healthcheck: it must keep running, without restarting, for a while. A
 * crash at start, an exit, or a restart loop under a restart policy fails it.
 */
final class StabilityWindow implements Readiness {
  private final Supplier<ContainerInfo> inspect;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;

  StabilityWindow(
      Supplier<ContainerInfo> inspect, Duration window, Clock clock, Sleeper sleeper, Duration poll) {
    this.inspect = inspect;
    this.window = window;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
  }

  @Override
  public ReadinessVerdict await() throws InterruptedException {
    ContainerInfo first = inspect.get();
    Instant end = clock.instant().plus(window);
    ContainerInfo now = first;
    while (true) {
      String problem = ContainerTrouble.since(first, now);
      if (problem != null) {
        return ReadinessVerdict.failed(problem);
      }
      if (!clock.instant().isBefore(end)) {
        return ReadinessVerdict.ok();
      }
      sleeper.sleep(poll);
      now = inspect.get();
    }
  }

  @Override
  public String describe() {
    return "running for " + Durations.format(window);
  }
}
