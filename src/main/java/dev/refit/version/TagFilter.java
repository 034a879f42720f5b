package dev.refit.version;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Include and exclude regexes on candidate tags, from the labels {@code refit.include} and
 * {@code refit.exclude}. A tag passes if some include pattern is found in it (or there are none)
 * and no exclude pattern is. Patterns are found anywhere in the tag (like {@code Matcher.find()}),
 * so {@code alpine} matches anywhere and users anchor with {@code ^...$} when they mean the whole
 * tag. They are {@link UserRegex}es: RE2 syntax, matched in linear time.
 */
public record TagFilter(List<UserRegex> includes, List<UserRegex> excludes) {
  /** Accepts every tag. */
  public static final TagFilter NONE = new TagFilter(List.of(), List.of());

  public TagFilter {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /**
   * Builds a filter from label values: comma-separated lists of regexes, null or blank for none.
   * Commas inside {@code {}}, {@code []} or {@code ()}, or escaped as {@code \,}, do not separate.
   *
   * @throws InvalidPolicyException naming the first regex that does not compile
   */
  public static TagFilter of(@Nullable String includeCsvOrNull, @Nullable String excludeCsvOrNull) {
    return new TagFilter(
        compileAll(includeCsvOrNull, "include filter"),
        compileAll(excludeCsvOrNull, "exclude filter"));
  }

  public boolean accepts(String tag) {
    return (includes.isEmpty() || includes.stream().anyMatch(regex -> regex.foundIn(tag)))
        && excludes.stream().noneMatch(regex -> regex.foundIn(tag));
  }

  private static List<UserRegex> compileAll(@Nullable String csv, String where) {
    if (csv == null) {
      return List.of();
    }
    return RegexList.split(csv).stream().map(regex -> UserRegex.compile(regex, where)).toList();
  }
}
