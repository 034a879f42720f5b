package dev.refit.version;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How far a {@link SemverPolicy} may move from the current version.
 *
 * <p>For calendar versions the first two parts are year and month: {@link #PATCH} stays in the
 * month, {@link #MINOR} in the year. A {@code yyyymmdd} tag is read the same way.
 */
public enum SemverLevel {
  /** Same first two parts: {@code 1.2.3 -> 1.2.9}, not {@code 1.3.0}. */
  PATCH,
  /** Same first part: {@code 1.2.3 -> 1.9.0}, not {@code 2.0.0}. */
  MINOR,
  /** Any newer release. */
  MAJOR,
  /** Any newer version, pre-releases included even when the current tag is a release. */
  ALL;

  /** The lower-case name used in policy strings, e.g. {@code minor}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level named {@code label}, ignoring case; empty if there is none. */
  public static Optional<SemverLevel> fromLabel(String label) {
    return Arrays.stream(values()).filter(level -> level.label().equalsIgnoreCase(label)).findFirst();
  }

  /** Whether this level lets {@code current} move to {@code candidate}, looking at numbers only. */
  boolean allowsLine(VersionTag current, VersionTag candidate) {
    return switch (this) {
      case PATCH -> sameLine(current, candidate, 2);
      case MINOR -> sameLine(current, candidate, 1);
      case MAJOR, ALL -> true;
    };
  }

  /** Whether pre-releases are candidates even when the current tag is a release. */
  boolean allowsAnyPreRelease() {
    return this == ALL;
  }

  private static boolean sameLine(VersionTag current, VersionTag candidate, int depth) {
    for (int i = 0; i < depth; i++) {
      if (!linePart(current, i).equals(linePart(candidate, i))) {
        return false;
      }
    }
    return true;
  }

  // A yyyymmdd tag has one part that holds both year and month.
  private static BigInteger linePart(VersionTag version, int index) {
    if (version.isCalendar() && version.size() == 1) {
      int yyyymmdd = version.part(0).intValueExact();
      return BigInteger.valueOf(index == 0 ? yyyymmdd / 10_000 : yyyymmdd / 100 % 100);
    }
    return version.part(index);
  }
}
