package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.config.UpdateSettings;
import dev.refit.rollout.Readiness;
import dev.refit.rollout.Sleeper;
import dev.refit.settings.Durations;
import dev.refit.target.RefitLabels;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Picks the readiness gate for a new container: its healthcheck when it has one, else a stability
 * window. Durations come from the container's labels, else from the configuration, else (health
 * timeout) from the healthcheck's own timing.
 */
final class ReadinessChoice {
  private static final Duration DOCKER_INTERVAL = Duration.ofSeconds(30);
  private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(30);
  private static final int DOCKER_RETRIES = 3;

  private final UpdateSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration poll;

  ReadinessChoice(UpdateSettings settings, Clock clock, Sleeper sleeper, Duration poll) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.poll = poll;
  }

  /**
   * @param labels the labels that may override durations (the user's, on the container)
   * @param created the new container as created (its merged healthcheck)
   * @param inspect fresh inspects of the new container
   */
  Readiness choose(Map<String, String> labels, ContainerInfo created, Supplier<ContainerInfo> inspect) {
    return choose(labels, created, inspect, OptionalInt::empty);
  }

  /** @param lastExit the code of the new container's last exit, from the engine's events */
  Readiness choose(
      Map<String, String> labels,
      ContainerInfo created,
      Supplier<ContainerInfo> inspect,
      Supplier<OptionalInt> lastExit) {
    if (created.hasHealthcheck()) {
      Duration timeout = label(labels, RefitLabels.HEALTH_TIMEOUT);
      if (timeout == null) {
        timeout = settings.healthTimeout() != null ? settings.healthTimeout() : derived(created.healthcheck());
      }
      return new HealthcheckGate(inspect, lastExit, timeout, clock, sleeper, poll);
    }
    Duration window = label(labels, RefitLabels.STABILITY);
    return new StabilityWindow(
        inspect, lastExit, window != null ? window : settings.stability(), clock, sleeper, poll);
  }

  /**
   * Checks the duration labels before anything changes.
   *
   * @throws IllegalArgumentException naming the label and its value
   */
  static void validate(Map<String, String> labels) {
    label(labels, RefitLabels.HEALTH_TIMEOUT);
    label(labels, RefitLabels.STABILITY);
  }

  /** Long enough for the engine to reach a verdict: start period + (interval + timeout) x (retries + 1). */
  static Duration derived(JsonNode healthcheck) {
    Duration interval = nanos(healthcheck.path("Interval"), DOCKER_INTERVAL);
    Duration timeout = nanos(healthcheck.path("Timeout"), DOCKER_TIMEOUT);
    Duration start = nanos(healthcheck.path("StartPeriod"), Duration.ZERO);
    int retries = healthcheck.path("Retries").asInt(0);
    if (retries <= 0) {
      retries = DOCKER_RETRIES;
    }
    return start.plus(interval.plus(timeout).multipliedBy(retries + 1L));
  }

  private static Duration nanos(JsonNode value, Duration fallback) {
    long n = value.asLong(0);
    return n > 0 ? Duration.ofNanos(n) : fallback;
  }

  private static Duration label(Map<String, String> labels, String name) {
    String value = labels.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "label " + name + "='" + value + "' is not a duration; use e.g. 10s, 2m"));
  }
}
