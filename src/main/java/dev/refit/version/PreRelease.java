package dev.refit.version;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and orders pre-release identifiers such as {@code rc.2}, {@code beta}, {@code M3}.
 *
 * <p>Only a closed set of markers counts, so that compatibility suffixes like {@code alpine} or
 * {@code slim} are never mistaken for pre-releases.
 */
final class PreRelease {
  // "m" only with a number: a bare "m" is more likely a variant name than a milestone.
  private static final Pattern MARKER =
      Pattern.compile(
          "(alpha|beta|rc|preview|pre|dev|snapshot|canary|nightly|m(?=\\d))(?:\\.?(\\d+))?",
          Pattern.CASE_INSENSITIVE);

  // Maturity rank: builds off a branch come before alpha, release candidates come last.
  private static final Map<String, Integer> RANK =
      Map.of(
          "dev", 0, "snapshot", 0, "nightly", 0, "canary", 0,
          "alpha", 1,
          "beta", 2,
          "m", 3,
          "pre", 4, "preview", 4,
          "rc", 5);

  /** Orders two pre-release identifiers that both satisfy {@link #isMarker}. */
  static final Comparator<String> ORDER = PreRelease::compare;

  private PreRelease() {}

  /** Whether one {@code -}-separated segment of a tag is a pre-release identifier. */
  static boolean isMarker(String segment) {
    return MARKER.matcher(segment).matches();
  }

  private static int compare(String left, String right) {
    Matcher a = MARKER.matcher(left);
    Matcher b = MARKER.matcher(right);
    if (!a.matches() || !b.matches()) {
      // Not expected from VersionTag; fall back to a total order rather than failing.
      return NaturalOrder.INSTANCE.compare(left, right);
    }
    String nameA = a.group(1).toLowerCase(Locale.ROOT);
    String nameB = b.group(1).toLowerCase(Locale.ROOT);
    int byRank = Integer.compare(RANK.get(nameA), RANK.get(nameB));
    if (byRank != 0) {
      return byRank;
    }
    int byName = nameA.compareTo(nameB);
    if (byName != 0) {
      return byName;
    }
    return compareNumber(a.group(2), b.group(2));
  }

  // "rc" before "rc.0": an unnumbered marker is the first of its kind.
  private static int compareNumber(String left, String right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    return new BigInteger(left).compareTo(new BigInteger(right));
  }
}
