package dev.refit.target;

/** The labels by which users tell Refit how to treat a container. */
public final class RefitLabels {
  /** {@code true}/{@code false}: opt in or out of Refit. */
  public static final String ENABLE = "refit.enable";
  /** A version policy: {@code digest}, {@code semver:minor}, {@code regex:...}. */
  public static final String POLICY = "refit.policy";
  /** Comma-separated regexes: only tags matching one of them are candidates. */
  public static final String INCLUDE = "refit.include";
  /** Comma-separated regexes: tags matching one of them are never candidates. */
  public static final String EXCLUDE = "refit.exclude";
  /** {@code notify}, {@code apply} or {@code approval}: what to do with an update found. */
  public static final String MODE = "refit.mode";
  /** A duration such as {@code 2d}: how old an image must be before it is applied. */
  public static final String MIN_AGE = "refit.min-age";

  private RefitLabels() {}
}
