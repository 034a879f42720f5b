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
  /** {@code true}: report updates, never apply them. */
  public static final String MONITOR_ONLY = "refit.monitor-only";
  /** How long a container without a healthcheck must keep running after an update: {@code 10s}. */
  public static final String STABILITY = "refit.stability";
  /** How long to wait for a container's healthcheck to report healthy after an update: {@code 2m}. */
  public static final String HEALTH_TIMEOUT = "refit.health-timeout";
  /** A shell command run inside the container before it is updated; non-zero skips the update. */
  public static final String PRE_UPDATE = "refit.pre-update";
  /** A shell command run inside the new container once it passed its health gate. */
  public static final String POST_UPDATE = "refit.post-update";
  /** Comma-separated container names this one depends on: updated after them, restarted with them. */
  public static final String DEPENDS_ON = "refit.depends-on";
  /**
   * {@code volumes}: snapshot the container's volumes once the old container stopped, and restore
   * them when the new one fails its gate (docs/update.md, "Data-safe updates").
   */
  public static final String BACKUP = "refit.backup";
  /** How many volume snapshots of the container are kept after successful updates: {@code 3}. */
  public static final String BACKUP_KEEP = "refit.backup.keep";
  /** On Refit's helper containers (self-update, volume data); they are never targets. */
  public static final String HELPER = "refit.helper";
  /**
   * Marks a claim container ({@code <name>-refit-claim}): a Refit is updating {@code <name>}. Never
   * a target; see docs/update.md.
   */
  public static final String CLAIM = "refit.claim";
  /** {@code notify}, {@code apply} or {@code approval}: what to do with an update found. */
  public static final String MODE = "refit.mode";
  /** A duration such as {@code 2d}: how old an image must be before it is applied. */
  public static final String MIN_AGE = "refit.min-age";
  /** {@code true}: CI's deploy hook may set the exact tag this target runs (off by default). */
  public static final String DEPLOY_HOOK = "refit.deploy-hook";

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
