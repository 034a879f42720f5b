package dev.refit.files;

import dev.refit.image.ImageReference;
import dev.refit.version.InvalidPolicyException;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import dev.refit.version.SemverLevel;
import dev.refit.version.SemverPolicy;
import dev.refit.version.TagFilter;
import dev.refit.version.VersionPolicy;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how one pinned image may move. Most specific first: its marker comment, then the first
 * matching rule of its {@code refit-files.yaml}, then that file's default policy, then the
 * command's default ({@code --policy}, else the configured level), exactly as {@code refit check}
 * treats a container without labels: version tags move by semver at that level, other tags are
 * followed by digest.
 */
public final class PolicyChoice {
  private static final String IGNORE = "ignore";

  private final SemverLevel defaultLevel;

  public PolicyChoice(SemverLevel defaultLevel) {
    this.defaultLevel = defaultLevel;
  }

  /** What to do with one image. */
  public sealed interface Choice permits Check, Ignore {}

  /** Check it with this policy and filter. */
  public record Check(VersionPolicy policy, TagFilter filter) implements Choice {}

  /** Leave it alone, for this reason. */
  public record Ignore(String reason) implements Choice {}

  /**
   * @param marker the text of its {@code refit:} marker, or {@code null}
   * @param config its {@code refit-files.yaml}, or {@code null}
   * @throws InvalidPolicyException when the marker or rule names a policy that cannot apply, with
   *     where it came from
   */
  public Choice choose(ImageReference image, String marker, FilesConfig config) {
    String markerText = marker == null || marker.isBlank() ? null : marker.strip();
    if (markerText != null && markerText.toLowerCase(Locale.ROOT).equals(IGNORE)) {
      return new Ignore("marker 'refit: ignore'");
    }
    Optional<ImageRule> rule = config == null ? Optional.empty() : config.ruleFor(image);
    if (rule.isPresent() && rule.get().ignore()) {
      return new Ignore("rule at " + config.file() + ":" + rule.get().line());
    }
    String explicit = markerText;
    String source = "marker 'refit: " + markerText + "'";
    if (explicit == null && rule.isPresent() && rule.get().policy() != null) {
      explicit = rule.get().policy();
      source = "rule at " + config.file() + ":" + rule.get().line();
    }
    SemverLevel level = defaultLevel;
    if (explicit == null && config != null && config.policy() != null) {
      // A default, like --policy: semver applies to version tags only, other tags keep digest.
      VersionPolicy fileDefault = VersionPolicy.parse(config.policy());
      if (fileDefault instanceof SemverPolicy semver) {
        level = semver.level();
      } else {
        explicit = config.policy();
        source = "policy in " + config.file();
      }
    }
    try {
      VersionPolicy policy = new PolicyResolver(new PolicyDefaults(level)).resolve(image.tag(), explicit);
      TagFilter filter =
          rule.map(r -> TagFilter.of(r.include(), r.exclude())).orElse(TagFilter.NONE);
      return new Check(policy, filter);
    } catch (InvalidPolicyException e) {
      throw new InvalidPolicyException(source + ": " + e.getMessage());
    }
  }
}
