package dev.refit.target;

/** The labels by which users tell Refit how to treat a container or a service. */
public final class RefitLabels {
  /** {@code true}/{@code false}: opt in or out of Refit. */
  public static final String ENABLE = "refit.enable";
  /** A version policy: {@code digest}, {@code semver:minor}, {@code regex:...}. */
  public static final String POLICY = "refit.policy";
  /** Comma-separated regexes: only tags matching one of them are candidates. */
  public static final String INCLUDE = "refit.include";
  /** Comma-separated regexes: tags matching one of them are never candidates. */
  public static final String EXCLUDE = "refit.exclude";

  /**
   * On a Swarm service, {@code true}: fill in safe rollout defaults (start-first, rollback on
   * failure, a monitor window covering the healthcheck's start period, one task at a time) where
   * the service's update config has none.
   */
  public static final String SWARM_SAFE = "refit.swarm.safe";
  /** Marks the services {@code refit host-job} creates; they are never update targets. */
  public static final String HOST_JOB = "refit.host-job";

  private RefitLabels() {}
}
