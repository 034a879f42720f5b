package dev.refit.config;

import java.time.Duration;

/**
 * How Refit treats Docker Swarm services.
 *
 * @param allServices every service is a target unless labelled {@code refit.enable=false}; by
 *     default only services labelled {@code refit.enable=true} are
 * @param safeDefaults fill in safe rollout defaults on every service, as if each carried {@code
 *     refit.swarm.safe=true}
 * @param updateTimeout how long Swarm gets to roll out one service update (and again to roll it
 *     back) before Refit calls it failed
 */
public record SwarmSettings(boolean allServices, boolean safeDefaults, Duration updateTimeout) {
  public static final Duration DEFAULT_UPDATE_TIMEOUT = Duration.ofMinutes(15);

  public static SwarmSettings defaults() {
    return new SwarmSettings(false, false, DEFAULT_UPDATE_TIMEOUT);
  }
}
