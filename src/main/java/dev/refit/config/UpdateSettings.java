package dev.refit.config;

import java.time.Duration;

/**
 * How {@code refit update} rolls out, from the {@code update:} section of the configuration and
 * {@code REFIT_UPDATE_*}; labels on a container override the durations for that container.
 *
 * @param stability how long a container without a healthcheck must keep running (default 10s)
 * @param healthTimeout how long to wait for {@code healthy}, or {@code null} to derive it from the
 *     container's healthcheck (start period + (interval + timeout) x (retries + 1))
 * @param hookTimeout how long a pre-/post-update hook may run (default 1m)
 * @param cleanup whether the old image is removed after a successful update
 */
public record UpdateSettings(
    Duration stability, Duration healthTimeout, Duration hookTimeout, boolean cleanup) {
  public static final Duration DEFAULT_STABILITY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(1);

  public static UpdateSettings defaults() {
    return new UpdateSettings(DEFAULT_STABILITY, null, DEFAULT_HOOK_TIMEOUT, false);
  }
}
