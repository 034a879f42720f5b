package dev.refit.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves to newer version tags of the same kind, no further than {@code level} allows.
 *
 * <p>A candidate is of the same kind as the current tag when it has the same prefix ({@code v1.2.3}
 * never moves to {@code 1.2.4}), the same compatibility suffix ({@code 1.25.3-alpine} never moves to
 * {@code 1.26.0} or {@code 1.26.0-alpine-slim}), is a calendar version exactly when the current tag
 * is one, and has the same number of numeric parts ({@code 12.14} moves to {@code 12.15}, never
 * {@code 12.15.0}), and a build of the same scheme ({@code 4.0.14.2939-ls274} moves to
 * {@code 4.0.14.2939-ls280} or {@code 4.0.15.2941-ls291}, never {@code 4.0.15.2941}). Dotted calendar versions are the exception to the last rule, because projects
 * like Pi-hole publish {@code 2022.12} next to {@code 2022.12.1}.
 *
 * <p>Pre-releases are candidates only under {@link SemverLevel#ALL}, or when the current tag is a
 * pre-release of the same numbers ({@code 1.2.3-rc.1} moves to {@code 1.2.3-rc.2} or {@code 1.2.3},
 * not to {@code 1.3.0-beta.1}), so a release candidate does not pull a user onto the next unstable
 * line.
 */
public record SemverPolicy(SemverLevel level) implements VersionPolicy {

  public SemverPolicy {
    Objects.requireNonNull(level, "level");
  }

  @Override
  public boolean listsTags() {
    return true;
  }

  /**
   * True for a mutable version tag such as {@code 1.2}. Also true for a tag that is not a version,
   * since then the digest is the only way left to see an update.
   */
  @Override
  public boolean checksDigest(String currentTag) {
    return VersionTag.parse(currentTag).map(VersionTag::isMutable).orElse(true);
  }

  /** Empty if {@code currentTag} is not a version. */
  @Override
  public Optional<String> newestTag(
      String currentTag, Collection<String> availableTags, TagFilter filter) {
    Objects.requireNonNull(currentTag, "currentTag");
    Optional<VersionTag> parsed = VersionTag.parse(currentTag);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    VersionTag current = parsed.get();
    // Equal versions written differently (2024.1 and 2024.1.0) are both candidates; prefer the
    // one shaped like the current tag, then any fixed order so the answer does not depend on
    // the registry's listing order.
    Comparator<VersionTag> best =
        Comparator.<VersionTag>naturalOrder()
            .thenComparing(candidate -> candidate.size() == current.size())
            .thenComparing(VersionTag::tag);
    return Candidates.of(availableTags, filter)
        .map(VersionTag::parse)
        .flatMap(Optional::stream)
        .filter(candidate -> isSameKind(current, candidate))
        .filter(candidate -> level.allowsLine(current, candidate))
        .filter(candidate -> allowsPreRelease(current, candidate))
        .filter(candidate -> candidate.compareTo(current) > 0)
        .max(best)
        .map(VersionTag::tag);
  }

  private static boolean isSameKind(VersionTag current, VersionTag candidate) {
    return current.prefix().equals(candidate.prefix())
        && current.suffix().equals(candidate.suffix())
        && current.isCalendar() == candidate.isCalendar()
        && current.isIsoDate() == candidate.isIsoDate()
        && hasComparableSize(current, candidate)
        && hasComparableBuild(current, candidate);
  }

  // Builds of one scheme follow each other (ls274 -> ls280, _12 -> _7). A post-release (p13,
  // .post1) is a version of its own, so it mixes with tags without a build. A pre-release build
  // (22-ea-32) may end in the release (22), which has none.
  private static boolean hasComparableBuild(VersionTag current, VersionTag candidate) {
    Build mine = current.build();
    Build theirs = candidate.build();
    return mine.scheme().equals(theirs.scheme())
        || (isNoneOrPost(mine) && isNoneOrPost(theirs))
        || (current.isPreRelease() && !candidate.isPreRelease() && theirs.isEmpty());
  }

  // Dotted calendar versions only; yyyymmdd tags have one part and stay at one.
  private static boolean hasComparableSize(VersionTag current, VersionTag candidate) {
    return current.size() == candidate.size()
        || (current.isCalendar() && current.size() >= 2 && candidate.size() >= 2);
  }

  private static boolean isNoneOrPost(Build build) {
    return build.isEmpty() || build.isPostRelease();
  }

  private boolean allowsPreRelease(VersionTag current, VersionTag candidate) {
    return !candidate.isPreRelease()
        || level.allowsAnyPreRelease()
        || (current.isPreRelease() && current.hasSameNumbers(candidate));
  }

  @Override
  public String toString() {
    return "semver:" + level.label();
  }
}
