package dev.refit.version;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag understood as a version: an optional prefix ({@code v}, or words ending in {@code -} such
 * as {@code jdk-} or {@code linux-amd64-}), one or more numeric dot-separated parts (or an ISO date
 * {@code 2025-08-05}), an optional pre-release, an optional {@link Build} and an optional
 * compatibility suffix.
 *
 * <p>Examples: {@code 1.25.3-alpine} (suffix {@code alpine}), {@code v2.10.4} (prefix {@code v}),
 * {@code 1.2.3-rc.1-alpine} (pre-release {@code rc.1}, suffix {@code alpine}), {@code 3.7.0a1}
 * (pre-release {@code a1}), {@code 4.0.14.2939-ls274} (build {@code ls274}),
 * {@code 17.0.1_12-jre-alpine} (build {@code _12}, suffix {@code jre-alpine}),
 * {@code 16.1.0-debian-11-r20} (suffix {@code debian-11}, build {@code r20}), {@code 2023.01}.
 *
 * <p>Not versions: {@code latest}, commit hashes such as {@code a1b2c3d} or {@code sha-1234567},
 * {@code 1.2.3.RELEASE}, {@code 1.2.3_alpine} (only {@code -} separates a suffix), and
 * {@code 1.2.3+build}: a {@code +} is not allowed in an image tag, so such a string never comes
 * from a registry.
 *
 * <p>{@link #compareTo} orders by version and build only and ignores prefix and suffix, so it is
 * inconsistent with {@link #equals}: {@code 2023.01} and {@code 2023.1}, or {@code 1.2} and
 * {@code 1.2.0}, compare as equal. Callers decide separately which tags may be compared at all.
 *
 * @param tag the tag as written
 * @param prefix {@code "v"}, {@code "jdk-"}, ... or {@code ""}
 * @param numbers the numeric parts, at least one, arbitrary size (timestamps like 20230115123045)
 * @param preRelease the pre-release identifier such as {@code rc.1}, {@code ""} if none
 * @param build the build, {@link Build#NONE} if none
 * @param suffix the compatibility suffix such as {@code slim-bookworm}, {@code ""} if none
 */
public record VersionTag(
    String tag,
    String prefix,
    List<BigInteger> numbers,
    String preRelease,
    Build build,
    String suffix)
    implements Comparable<VersionTag> {

  private static final Pattern LEADING_DIGITS = Pattern.compile("\\d+");

  private static final int FIRST_YEAR = 1970;
  private static final int LAST_YEAR = 2199;

  /** Fewer numeric parts than this means a tag that moves along with its release line. */
  private static final int FULL_VERSION_SIZE = 3;

  public VersionTag {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(preRelease, "preRelease");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(suffix, "suffix");
    numbers = List.copyOf(numbers);
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("a version needs at least one number: " + tag);
    }
  }

  /** Reads a tag as a version; empty if it does not have the shape of one (see class docs). */
  public static Optional<VersionTag> parse(String tag) {
    return TagParser.parse(tag);
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /**
   * Whether this looks like a calendar version: a first part that is a year (4 digits, 1970 to
   * 2199) followed by at least one more part, or a single 8-digit {@code yyyymmdd} part that is a
   * valid date.
   */
  public boolean isCalendar() {
    Matcher digits = LEADING_DIGITS.matcher(tag.substring(prefix.length()));
    digits.lookingAt();
    String first = digits.group();
    if (size() >= 2) {
      return first.length() == 4 && isYear(numbers.get(0).intValueExact());
    }
    return first.length() == 8 && isDate(numbers.get(0).intValueExact());
  }

  /** The number of numeric parts. */
  public int size() {
    return numbers.size();
  }

  /**
   * Whether the tag is likely re-pushed as its release line moves on: {@code 1}, {@code 1.2},
   * {@code 1.2-alpine}. Such tags need a digest check in addition to a look at newer tags. A tag
   * with a build ({@code 8.7-1049}) names one build and is not re-pushed, nor is a single number
   * after a word ({@code build-12}), which counts builds too.
   */
  public boolean isMutable() {
    boolean counter = size() == 1 && prefix.endsWith("-");
    return size() < FULL_VERSION_SIZE && build.isEmpty() && !counter;
  }

  /** Whether the numbers are written as an ISO date, {@code 2025-08-05}. */
  boolean isIsoDate() {
    String version = tag.substring(prefix.length());
    return size() == 3 && version.length() >= 10 && version.charAt(4) == '-';
  }

  /** The numeric part at {@code index}, or zero past the end so that {@code 1.2} equals {@code 1.2.0}. */
  BigInteger part(int index) {
    return index < size() ? numbers.get(index) : BigInteger.ZERO;
  }

  /** Whether the numeric parts are equal, treating missing parts as zero. */
  boolean hasSameNumbers(VersionTag other) {
    return compareNumbers(other) == 0;
  }

  /**
   * Orders by numeric parts (missing parts count as zero), then a release above its pre-releases,
   * then pre-releases by maturity and number ({@code alpha < beta < rc}, {@code rc.2 < rc.10}),
   * then by build ({@code ls9 < ls10}, no build first). Prefix and suffix are ignored.
   */
  @Override
  public int compareTo(VersionTag other) {
    int byNumbers = compareNumbers(other);
    if (byNumbers != 0) {
      return byNumbers;
    }
    if (isPreRelease() != other.isPreRelease()) {
      return isPreRelease() ? -1 : 1;
    }
    int byPreRelease = isPreRelease() ? PreRelease.ORDER.compare(preRelease, other.preRelease) : 0;
    return byPreRelease != 0 ? byPreRelease : build.compareTo(other.build);
  }

  private int compareNumbers(VersionTag other) {
    int parts = Math.max(size(), other.size());
    for (int i = 0; i < parts; i++) {
      int result = part(i).compareTo(other.part(i));
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  static boolean isYear(int value) {
    return value >= FIRST_YEAR && value <= LAST_YEAR;
  }

  private static boolean isDate(int yyyymmdd) {
    int year = yyyymmdd / 10_000;
    int month = yyyymmdd / 100 % 100;
    int day = yyyymmdd % 100;
    return isYear(year) && month >= 1 && month <= 12 && YearMonth.of(year, month).isValidDay(day);
  }
}
