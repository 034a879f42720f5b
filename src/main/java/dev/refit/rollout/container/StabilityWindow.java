package dev.refit.rollout.container;

import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.Sleeper;
import dev.refit.settings.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * For a container without a healthcheck: it must keep running, without restarting, for a while. A
 * crash at start, an exit, or a restart loop under a restart policy fails it.
 */
final class StabilityWindow extends ContainerWatch {
  StabilityWindow(
      Supplier<ContainerInfo> inspect, Duration window, Clock clock, Sleeper sleeper, Duration poll) {
    this(inspect, OptionalInt::empty, window, clock, sleeper, poll);
  }

  StabilityWindow(
      Supplier<ContainerInfo> inspect,
      Supplier<OptionalInt> lastExit,
      Duration window,
      Clock clock,
      Sleeper sleeper,
      Duration poll) {
    super(inspect, lastExit, window, clock, sleeper, poll);
  }

  @Override
  ReadinessVerdict judge(ContainerInfo now, boolean timeIsUp) {
    return timeIsUp ? ReadinessVerdict.ok() : null;
  }

  @Override
  public String describe() {
    return "running for " + Durations.format(limit());
  }
}
