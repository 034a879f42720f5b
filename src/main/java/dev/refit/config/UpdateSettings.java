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
 * @param parallelism how many updates of targets that do not depend on each other run at once,
 *     each with its own readiness gate (default 4; 1 = one after another)
 * @param backupImage the image of the helper that snapshots volumes ({@code refit.backup=volumes}),
 *     or {@code null} for Refit's own image when Refit runs in it
 * @param backupMaxSize the most bytes one volume may hold to be snapshotted (default 1GB)
 */
public record UpdateSettings(
    Duration stability,
    Duration healthTimeout,
    Duration hookTimeout,
    boolean cleanup,
    int parallelism,
    String backupImage,
    long backupMaxSize) {
  public static final Duration DEFAULT_STABILITY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(1);
  public static final int DEFAULT_PARALLELISM = 4;
  public static final long DEFAULT_BACKUP_MAX_SIZE = 1024L * 1024 * 1024;

  public UpdateSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("update.parallelism must be at least 1, not " + parallelism);
    }
  }

  /** The gate settings, with the defaults for parallelism and volume snapshots. */
  public UpdateSettings(Duration stability, Duration healthTimeout, Duration hookTimeout, boolean cleanup) {
    this(stability, healthTimeout, hookTimeout, cleanup, DEFAULT_PARALLELISM, null, DEFAULT_BACKUP_MAX_SIZE);
  }

  public static UpdateSettings defaults() {
    return new UpdateSettings(DEFAULT_STABILITY, null, DEFAULT_HOOK_TIMEOUT, false);
  }
}
