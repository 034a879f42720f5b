package dev.refit.version;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Include and exclude regexes on candidate tags, from the labels {@code refit.include} and
 * {@code refit.exclude}. A tag passes if some include pattern is found in it (or there are none)
 * and no exclude pattern is. Patterns use {@link java.util.regex.Matcher#find()}, so {@code alpine}
 * matches anywhere and users anchor with {@code ^...$} when they mean the whole tag.
 *
 * <p>Equality looks at the pattern texts, since {@link Pattern} has none of its own.
 */
public record TagFilter(List<Pattern> includes, List<Pattern> excludes) {
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
  public static TagFilter of(String includeCsvOrNull, String excludeCsvOrNull) {
    return new TagFilter(
        compileAll(includeCsvOrNull, "include filter"),
        compileAll(excludeCsvOrNull, "exclude filter"));
  }

  public boolean accepts(String tag) {
    return (includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(tag).find()))
        && excludes.stream().noneMatch(p -> p.matcher(tag).find());
  }

  private static List<Pattern> compileAll(String csv, String where) {
    if (csv == null) {
      return List.of();
    }
    return RegexList.split(csv).stream().map(regex -> Regexes.compile(regex, where)).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TagFilter that
        && texts(includes).equals(texts(that.includes))
        && texts(excludes).equals(texts(that.excludes));
  }

  @Override
  public int hashCode() {
    return Objects.hash(texts(includes), texts(excludes));
  }

  private static List<String> texts(List<Pattern> patterns) {
    return patterns.stream().map(Pattern::pattern).toList();
  }
}
