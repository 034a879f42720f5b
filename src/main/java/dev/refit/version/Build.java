package dev.refit.version;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The build part of a version tag: numbers that count up while the version stays the same, such as
 * LinuxServer's {@code ls274}, Alpine's {@code r5}, Red Hat's {@code 1049}, Java's {@code _12}, a
 * Windows {@code KB5034129}, a SQL Server {@code CU10}, a dated rebuild {@code 20240109}, Checkmk's
 * patch {@code p13}, or git-describe's {@code 12-gabc1234}. Unlike a compatibility suffix, a higher
 * build of the same version is an update.
 *
 * @param segments the build segments in tag order, as written ({@code _12}, {@code ls274}, ...)
 */
public record Build(List<String> segments) implements Comparable<Build> {
  /** No build. */
  public static final Build NONE = new Build(List.of());

  // A commit hash: git-describe's "g" + hex, or bare hex with both letters and digits
  // (Plex's 1.43.3.10896-cb3ebc72d). It names a build but does not count.
  private static final Pattern GIT_DESCRIBE_HASH = Pattern.compile("g[0-9a-f]{7,40}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,40}");
  private static final Pattern NUMBER_RUN = Pattern.compile("\\d+(?:\\.\\d+)*");
  private static final String HASH_SCHEME = "hash";

  public Build {
    segments = List.copyOf(segments);
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * How the build is spelled: its last counting segment with the numbers replaced by {@code #}
   * ({@code ls#}, {@code r#}, {@code #}, {@code _#}, {@code kb#}, {@code p#}), {@code hash} if it
   * only names a commit, {@code ""} if there is no build. Tags only move between builds of the same
   * scheme, so {@code 4.0.14-ls274} never moves to {@code 4.0.15} nor {@code 4.0.15-r0}.
   */
  public String scheme() {
    if (segments.isEmpty()) {
      return "";
    }
    List<String> counting = counting();
    if (counting.isEmpty()) {
      return HASH_SCHEME;
    }
    String last = counting.get(counting.size() - 1);
    return NUMBER_RUN.matcher(last.toLowerCase(Locale.ROOT)).replaceAll("#");
  }

  /**
   * Whether this is a post-release such as Python's {@code .post1} or Checkmk's {@code p13}: a
   * version of its own, so it may follow or precede a tag without any build.
   */
  boolean isPostRelease() {
    String scheme = scheme();
    return scheme.equals("p#") || scheme.equals("post#");
  }

  /** Whether a build segment is a commit hash rather than a count. */
  static boolean isHash(String segment) {
    return GIT_DESCRIBE_HASH.matcher(segment).matches()
        || (HEX.matcher(segment).matches()
            && segment.chars().anyMatch(Character::isDigit)
            && segment.chars().anyMatch(Character::isLetter));
  }

  /**
   * No build first, then the counting segments pairwise in natural order ({@code ls9 < ls10},
   * {@code 0.1 < 0.3}); commit hashes do not count, so builds differing only there are equal.
   */
  @Override
  public int compareTo(Build other) {
    List<String> mine = counting();
    List<String> theirs = other.counting();
    for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
      int result = NaturalOrder.INSTANCE.compare(mine.get(i), theirs.get(i));
      if (result != 0) {
        return result;
      }
    }
    int bySize = Integer.compare(mine.size(), theirs.size());
    return bySize != 0 ? bySize : Boolean.compare(!isEmpty(), !other.isEmpty());
  }

  private List<String> counting() {
    return segments.stream().filter(segment -> !isHash(segment)).toList();
  }
}
