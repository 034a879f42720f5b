package dev.refit.version;

import java.util.Objects;

/**
 * Global settings for images without a {@code refit.policy} label.
 *
 * @param versionTagLevel how far an image tagged with a version may move by default
 */
public record PolicyDefaults(SemverLevel versionTagLevel) {

  public PolicyDefaults {
    Objects.requireNonNull(versionTagLevel, "versionTagLevel");
  }

  /** The defaults when nothing is configured: {@code semver:minor}, safe from breaking changes. */
  public static PolicyDefaults standard() {
    return new PolicyDefaults(SemverLevel.MINOR);
  }
}
