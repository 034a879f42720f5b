package dev.refit.rollout.container;

import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.Sleeper;
import dev.refit.settings.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * For a container with a healthcheck: it must report {@code healthy} before the timeout, and must
 * not exit or restart meanwhile. {@code unhealthy} fails it at once.
 */
final class HealthcheckGate extends ContainerWatch {
  HealthcheckGate(
      Supplier<ContainerInfo> inspect, Duration timeout, Clock clock, Sleeper sleeper, Duration poll) {
    this(inspect, OptionalInt::empty, timeout, clock, sleeper, poll);
  }

  HealthcheckGate(
      Supplier<ContainerInfo> inspect,
      Supplier<OptionalInt> lastExit,
      Duration timeout,
      Clock clock,
      Sleeper sleeper,
      Duration poll) {
    super(inspect, lastExit, timeout, clock, sleeper, poll);
  }

  @Override
  ReadinessVerdict judge(ContainerInfo now, boolean timeIsUp) {
    String health = now.health();
    if ("healthy".equals(health)) {
      return ReadinessVerdict.ok();
    }
    if ("unhealthy".equals(health)) {
      String output = now.lastHealthOutput();
      return ReadinessVerdict.failed(
          "unhealthy" + (output.isEmpty() ? "" : " (last probe: " + oneLine(output) + ")"));
    }
    if (timeIsUp) {
      return ReadinessVerdict.failed(
          "not healthy within " + Durations.format(limit()) + " (health: " + health + ")");
    }
    return null;
  }

  @Override
  public String describe() {
    return "healthy (up to " + Durations.format(limit()) + ")";
  }

  private static String oneLine(String text) {
    String line = text.replace('\n', ' ').strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
