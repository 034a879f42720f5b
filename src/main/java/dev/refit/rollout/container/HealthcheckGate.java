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
 * For a container with a healthcheck: it must report {@code healthy} before the timeout, and must
 * not exit or restart meanwhile. {@code unhealthy} fails it at once.
 */
final class HealthcheckGate implements Readiness {
  private final Supplier<ContainerInfo> inspect;
  private final Duration timeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;

  HealthcheckGate(
      Supplier<ContainerInfo> inspect, Duration timeout, Clock clock, Sleeper sleeper, Duration poll) {
    this.inspect = inspect;
    this.timeout = timeout;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
  }

  @Override
  public ReadinessVerdict await() throws InterruptedException {
    ContainerInfo first = inspect.get();
    Instant end = clock.instant().plus(timeout);
    ContainerInfo now = first;
    while (true) {
      String problem = ContainerTrouble.since(first, now);
      if (problem != null) {
        return ReadinessVerdict.failed(problem);
      }
      String health = now.health();
      if ("healthy".equals(health)) {
        return ReadinessVerdict.ok();
      }
      if ("unhealthy".equals(health)) {
        String output = now.lastHealthOutput();
        return ReadinessVerdict.failed(
            "unhealthy" + (output.isEmpty() ? "" : " (last probe: " + oneLine(output) + ")"));
      }
      if (!clock.instant().isBefore(end)) {
        return ReadinessVerdict.failed(
            "not healthy within " + Durations.format(timeout) + " (health: " + health + ")");
      }
      sleeper.sleep(poll);
      now = inspect.get();
    }
  }

  @Override
  public String describe() {
    return "healthy (up to " + Durations.format(timeout) + ")";
  }

  private static String oneLine(String text) {
    String line = text.replace('\n', ' ').strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
