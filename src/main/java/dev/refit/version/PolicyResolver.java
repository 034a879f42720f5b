package dev.refit.version;

import static dev.refit.version.InvalidPolicyException.quote;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Picks the version policy for one image from its {@code refit.policy} label and the defaults. */
public final class PolicyResolver {
  private final PolicyDefaults defaults;

  public PolicyResolver(PolicyDefaults defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * The policy for an image running {@code currentTag}. An explicit policy wins. Without one, a
   * version tag gets {@code semver} at the default level and anything else ({@code latest},
   * {@code stable}, commit hashes, {@code alpine}) gets {@code digest}.
   *
   * @param explicitPolicyOrNull the label value; null or blank means no label, because templated
   *     compose files often render an unset label as an empty string
   * @throws InvalidPolicyException if the label cannot be parsed, or asks for semver on a tag that
   *     is not a version
   */
  public VersionPolicy resolve(String currentTag, @Nullable String explicitPolicyOrNull) {
    Objects.requireNonNull(currentTag, "currentTag");
    boolean isVersion = VersionTag.parse(currentTag).isPresent();
    if (explicitPolicyOrNull == null || explicitPolicyOrNull.isBlank()) {
      return isVersion ? new SemverPolicy(defaults.versionTagLevel()) : new DigestPolicy();
    }
    VersionPolicy explicit = VersionPolicy.parse(explicitPolicyOrNull);
    if (explicit instanceof SemverPolicy && !isVersion) {
      throw new InvalidPolicyException(
          "policy " + explicit + " needs a version tag, but the tag is " + quote(currentTag));
    }
    return explicit;
  }
}
