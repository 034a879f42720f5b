package dev.refit.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves to the highest tag that the pattern matches, for tag schemes the other policies do not
 * understand ({@code build-1234}, {@code 2.4.1-ubuntu-22.04-r3}, ...).
 *
 * <p>The pattern must match the whole tag ({@link Matcher#matches()}), so {@code \d+} does not
 * accept {@code 12-rc}. Tags are compared by their {@code version} named group if the pattern has
 * one, else by the whole tag. When the current tag's key reads as a {@link VersionTag}, candidates
 * are compared as versions (pre-releases and suffixes included, no further rules: the pattern is
 * the rule) and keys that are not versions are skipped; otherwise keys are compared in natural
 * order, with digit runs by value.
 *
 * <p>If the current tag does not match the pattern there is nothing to compare against:
 * {@link #newestTag} is empty and {@link #checksDigest} is true, so the image is still watched by
 * digest.
 *
 * <p>Equality looks at the pattern text only; {@link #toString} cannot carry flags either, so
 * write them inline, e.g. {@code (?i)}.
 */
public record RegexPolicy(Pattern pattern) implements VersionPolicy {
  static final String PREFIX = "regex:";
  private static final String VERSION_GROUP = "version";

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
    return !pattern.matcher(currentTag).matches()
        || VersionTag.parse(currentTag).map(VersionTag::isMutable).orElse(false);
  }

  @Override
  public Optional<String> newestTag(
      String currentTag, Collection<String> availableTags, TagFilter filter) {
    Matcher currentMatch = pattern.matcher(currentTag);
    if (!currentMatch.matches()) {
      return Optional.empty();
    }
    boolean grouped = hasVersionGroup(currentMatch);
    String currentKey = key(currentMatch, grouped);
    if (currentKey == null) {
      return Optional.empty();
    }
    boolean byVersion = VersionTag.parse(currentKey).isPresent();
    Predicate<String> usableKey = byVersion ? key -> VersionTag.parse(key).isPresent() : key -> true;
    Comparator<String> keyOrder =
        byVersion
            ? Comparator.comparing(key -> VersionTag.parse(key).orElseThrow())
            : NaturalOrder.INSTANCE;
    // Tags with equal keys (3.19-r9, 3.19-r10) are ranked by the whole tag, digits by value.
    Comparator<Keyed> best =
        Comparator.comparing(Keyed::key, keyOrder)
            .thenComparing(Keyed::tag, NaturalOrder.INSTANCE)
            .thenComparing(Keyed::tag);
    return Candidates.of(availableTags, filter)
        .map(tag -> keyed(tag, grouped))
        .flatMap(Optional::stream)
        .filter(candidate -> usableKey.test(candidate.key()))
        .filter(candidate -> keyOrder.compare(candidate.key(), currentKey) > 0)
        .max(best)
        .map(Keyed::tag);
  }

  private Optional<Keyed> keyed(String tag, boolean grouped) {
    Matcher matcher = pattern.matcher(tag);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(key(matcher, grouped)).map(key -> new Keyed(tag, key));
  }

  // Null when the version group is optional and did not take part in the match.
  private static String key(Matcher matched, boolean grouped) {
    return grouped ? matched.group(VERSION_GROUP) : matched.group();
  }

  // Java 17 has no Pattern.namedGroups(); asking a successful match is the reliable way to tell.
  private static boolean hasVersionGroup(Matcher matched) {
    try {
      matched.group(VERSION_GROUP);
      return true;
    } catch (IllegalArgumentException noSuchGroup) {
      return false;
    }
  }

  /** A candidate tag and the text it is compared by. */
  private record Keyed(String tag, String key) {}

  @Override
  public boolean equals(Object other) {
    return other instanceof RegexPolicy that && pattern.pattern().equals(that.pattern.pattern());
  }

  @Override
  public int hashCode() {
    return pattern.pattern().hashCode();
  }

  @Override
  public String toString() {
    return PREFIX + pattern.pattern();
  }
}
