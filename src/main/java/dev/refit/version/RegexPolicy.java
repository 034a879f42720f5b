package dev.refit.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Moves to the highest tag that the pattern matches, for tag schemes the other policies do not
 * understand ({@code build-1234}, {@code 2.4.1-ubuntu-22.04-r3}, ...).
 *
 * <p>The pattern must match the whole tag, so {@code \d+} does not accept {@code 12-rc}. Tags are
 * compared by their {@code version} named group if the pattern has one, else by the whole tag.
 * When the current tag's key reads as a {@link VersionTag}, candidates are compared as versions
 * (pre-releases, builds and suffixes included, no further rules: the pattern is the rule) and keys
 * that are not versions are skipped; otherwise keys are compared in natural order, with digit runs
 * by value. Tags whose keys are equal are ranked by the whole tag in natural order, so with
 * {@code ^(?<version>\d+\.\d+)-r\d+$} the tag {@code 3.18-r5} is newer than {@code 3.18-r0}.
 *
 * <p>If the current tag does not match the pattern there is nothing to compare against:
 * {@link #newestTag} is empty and {@link #checksDigest} is true, so the image is still watched by
 * digest.
 *
 * <p>The pattern is a {@link UserRegex} (RE2 syntax, linear-time matching); flags are written
 * inline, e.g. {@code (?i)}.
 */
public record RegexPolicy(UserRegex pattern) implements VersionPolicy {
  static final String PREFIX = "regex:";

  public RegexPolicy {
    Objects.requireNonNull(pattern, "pattern");
  }

  @Override
  public boolean listsTags() {
    return true;
  }

  /** True if the current tag does not match the pattern or is a mutable version like {@code 1.2}. */
  @Override
  public boolean checksDigest(String currentTag) {
    return !pattern.matchesWhole(currentTag)
        || VersionTag.parse(currentTag).map(VersionTag::isMutable).orElse(false);
  }

  @Override
  public Optional<String> newestTag(
      String currentTag, Collection<String> availableTags, TagFilter filter) {
    Optional<String> matched = pattern.key(currentTag);
    if (matched.isEmpty()) {
      return Optional.empty();
    }
    Keyed current = new Keyed(currentTag, matched.get());
    boolean byVersion = VersionTag.parse(current.key()).isPresent();
    Predicate<String> usableKey =
        byVersion ? key -> VersionTag.parse(key).isPresent() : key -> true;
    Comparator<String> keyOrder =
        byVersion
            ? Comparator.comparing(key -> VersionTag.parse(key).orElseThrow())
            : NaturalOrder.INSTANCE;
    // Tags with equal keys (3.19-r9, 3.19-r10) are ranked by the whole tag, digits by value.
    Comparator<Keyed> newer =
        Comparator.comparing(Keyed::key, keyOrder).thenComparing(Keyed::tag, NaturalOrder.INSTANCE);
    return Candidates.of(availableTags, filter)
        .map(tag -> pattern.key(tag).map(key -> new Keyed(tag, key)))
        .flatMap(Optional::stream)
        .filter(candidate -> usableKey.test(candidate.key()))
        .filter(candidate -> newer.compare(candidate, current) > 0)
        .max(newer.thenComparing(Keyed::tag))
        .map(Keyed::tag);
  }

  /** A candidate tag and the text it is compared by. */
  private record Keyed(String tag, String key) {}

  @Override
  public String toString() {
    return PREFIX + pattern.text();
  }
}
