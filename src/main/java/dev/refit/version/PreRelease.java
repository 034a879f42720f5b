package dev.refit.version;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises and orders pre-release identifiers such as {@code rc.2}, {@code beta}, {@code M3},
 * {@code ea}, and Python's {@code a1}, {@code b2}, {@code rc1}, {@code dev3}.
 *
 * <p>Only a closed set of markers counts, so that compatibility suffixes like {@code alpine} or
 * {@code slim} are never mistaken for pre-releases. The one-letter Python markers {@code a} and
 * {@code b} count only when written right after the numbers ({@code 3.7.0a1}): after a {@code -}
 * they are too likely something else ({@code -b06} is a Java build).
 */
final class PreRelease {
  // "m" only with a number: a bare "m" is more likely a variant name than a milestone.
  private static final Pattern MARKER =
      Pattern.compile(
          "(alpha|beta|rc|preview|pre|dev|snapshot|canary|nightly|unstable|ea"
              + "|m(?=\\d)|a(?=\\d)|b(?=\\d))(?:\\.?(\\d+))?",
          Pattern.CASE_INSENSITIVE);

  // Written right after the numbers (3.7.0a1, 18rc1, 19beta3, 1.0.dev3): a number is required.
  private static final Pattern ATTACHED =
      Pattern.compile("\\.?((?:alpha|beta|rc|pre|dev|a|b)\\d+)", Pattern.CASE_INSENSITIVE);

  // Maturity rank: builds off a branch come before alpha, release candidates come last.
  private static final Map<String, Integer> RANK =
      Map.ofEntries(
          Map.entry("dev", 0), Map.entry("snapshot", 0), Map.entry("nightly", 0),
          Map.entry("canary", 0), Map.entry("unstable", 0),
          Map.entry("alpha", 1), Map.entry("ea", 1),
          Map.entry("beta", 2),
          Map.entry("m", 3),
          Map.entry("pre", 4), Map.entry("preview", 4),
          Map.entry("rc", 5));

  // Python's short names for the same stages.
  private static final Map<String, String> LONG_NAME = Map.of("a", "alpha", "b", "beta");

  /** Orders two pre-release identifiers that both satisfy {@link #isMarker}. */
  static final Comparator<String> ORDER = PreRelease::compare;

  private PreRelease() {}

  /** Whether one {@code -}-separated segment of a tag is a pre-release identifier. */
  static boolean isMarker(String segment) {
    Matcher matcher = MARKER.matcher(segment);
    return matcher.matches() && !LONG_NAME.containsKey(matcher.group(1).toLowerCase(Locale.ROOT));
  }

  /**
   * The pre-release written right after the version numbers at {@code start} of {@code text}, such
   * as {@code a1} in {@code 3.7.0a1} or {@code dev3} in {@code 1.0.dev3}; null if there is none.
   * Returns the match so the caller knows where it ends.
   */
  static @Nullable Matcher attachedAt(String text, int start) {
    Matcher matcher = ATTACHED.matcher(text).region(start, text.length());
    return matcher.lookingAt() ? matcher : null;
  }

  private static int compare(String left, String right) {
    Matcher a = MARKER.matcher(left);
    Matcher b = MARKER.matcher(right);
    if (!a.matches() || !b.matches()) {
      // Not expected from VersionTag; fall back to a total order rather than failing.
      return NaturalOrder.INSTANCE.compare(left, right);
    }
    String nameA = name(a);
    String nameB = name(b);
    // name() only returns names of RANK
    int byRank = Integer.compare(RANK.getOrDefault(nameA, 0), RANK.getOrDefault(nameB, 0));
    if (byRank != 0) {
      return byRank;
    }
    int byName = nameA.compareTo(nameB);
    if (byName != 0) {
      return byName;
    }
    return compareNumber(a.group(2), b.group(2));
  }

  private static String name(Matcher marker) {
    String name = marker.group(1).toLowerCase(Locale.ROOT);
    return LONG_NAME.getOrDefault(name, name);
  }

  // "rc" before "rc.0": an unnumbered marker is the first of its kind.
  private static int compareNumber(String left, String right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    return new BigInteger(left).compareTo(new BigInteger(right));
  }
}
