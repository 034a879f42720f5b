package dev.refit.version;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a tag as a {@link VersionTag}: prefix, numbers, what is written right after the numbers,
 * then {@code -}-separated segments that are a pre-release, builds or the compatibility suffix.
 * The grammar is in the README's "Version policies" section; every pattern here is anchored and
 * has no nested repetition, so parsing is linear in the tag.
 */
final class TagParser {
  // Docker tags allow [A-Za-z0-9_.-].
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");
  // A commit hash as the whole tag (13696b1, 0a1b2c3d): never a version, even if it starts with
  // digits and holds a "b1" that would read as a beta.
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
  // Words that end in '-' ("jdk-", "linux-amd64-", "version-"), then an optional v.
  private static final Pattern PREFIX = Pattern.compile("(?:[A-Za-z][A-Za-z0-9]*-)*[vV]?");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?=-|$)");
  private static final Pattern NUMBERS = Pattern.compile("\\d+(?:\\.\\d+)*");
  // Java's build after the version: 17.0.1_12.
  private static final Pattern JAVA_BUILD = Pattern.compile("_\\d+");
  // Post-releases written right after the numbers: Python's 1.0.post1, Checkmk's 2.5.0p13.
  private static final Pattern POST_RELEASE = Pattern.compile("\\.?((?:post|p)\\d+)");
  private static final Pattern NUMERIC_SEGMENT = Pattern.compile("\\d+(?:\\.\\d+)*");
  // Counting segments wherever they stand: Alpine/Bitnami r5, LinuxServer ls274, Windows KB…,
  // SQL Server CU10.
  private static final Pattern BUILD_MARKER =
      Pattern.compile("(?:r|ls|kb|cu|build|rev)\\d+", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.]+");

  private TagParser() {}

  static Optional<VersionTag> parse(String tag) {
    if (tag == null
        || !ALLOWED.matcher(tag).matches()
        || isCommit(tag)
        || Candidates.isSupplyChainArtifact(tag)) {
      return Optional.empty();
    }
    Matcher prefixMatch = PREFIX.matcher(tag);
    prefixMatch.lookingAt();
    String prefix = prefixMatch.group();
    // "sha-1234567" is a commit, not version 1234567.
    if (prefix.toLowerCase(Locale.ROOT).endsWith("sha-")) {
      return Optional.empty();
    }
    int at = prefix.length();
    List<BigInteger> numbers;
    Matcher date = ISO_DATE.matcher(tag).region(at, tag.length());
    Matcher dotted = NUMBERS.matcher(tag).region(at, tag.length());
    if (date.lookingAt() && isDate(date)) {
      numbers = List.of(number(date.group(1)), number(date.group(2)), number(date.group(3)));
      at = date.end();
    } else if (dotted.lookingAt()) {
      numbers = Arrays.stream(dotted.group().split("\\.")).map(TagParser::number).toList();
      at = dotted.end();
    } else {
      return Optional.empty();
    }
    List<String> build = new ArrayList<>();
    String preRelease = "";
    Matcher javaBuild = JAVA_BUILD.matcher(tag).region(at, tag.length());
    if (javaBuild.lookingAt()) {
      build.add(javaBuild.group());
      at = javaBuild.end();
    }
    Matcher attached = PreRelease.attachedAt(tag, at);
    if (attached != null) {
      preRelease = attached.group(1);
      at = attached.end();
    }
    Matcher post = POST_RELEASE.matcher(tag).region(at, tag.length());
    if (post.lookingAt()) {
      build.add(post.group(1));
      at = post.end();
    }
    if (at == tag.length()) {
      return Optional.of(new VersionTag(tag, prefix, numbers, preRelease, new Build(build), ""));
    }
    if (tag.charAt(at) != '-') {
      return Optional.empty();
    }
    return segments(tag, prefix, numbers, preRelease, build, tag.substring(at + 1));
  }

  // The '-' segments: a pre-release, counting segments, and the compatibility suffix. A
  // number right after the version, pre-release or a build counts (7.2-0.3, 22-ea-32); a number
  // after a word belongs to that word (debian-11, ubuntu-22.04).
  private static Optional<VersionTag> segments(
      String tag,
      String prefix,
      List<BigInteger> numbers,
      String preRelease,
      List<String> build,
      String rest) {
    List<String> suffix = new ArrayList<>();
    boolean afterVersion = true;
    for (String segment : rest.split("-", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return Optional.empty();
      }
      // A marker counts until the suffix starts: 1.2.3-rc.1, 3.8.3-1-SNAPSHOT, not 1.2.3-alpine-rc1.
      if (preRelease.isEmpty() && suffix.isEmpty() && PreRelease.isMarker(segment)) {
        preRelease = segment;
      } else if (afterVersion && NUMERIC_SEGMENT.matcher(segment).matches()) {
        build.add(segment);
      } else if (BUILD_MARKER.matcher(segment).matches() || Build.isHash(segment)) {
        build.add(segment);
        afterVersion = true;
      } else {
        suffix.add(segment);
        afterVersion = false;
      }
    }
    return Optional.of(
        new VersionTag(tag, prefix, numbers, preRelease, new Build(build), String.join("-", suffix)));
  }

  private static boolean isCommit(String tag) {
    return COMMIT.matcher(tag).matches() && tag.chars().anyMatch(c -> c >= 'a' && c <= 'f');
  }

  private static boolean isDate(Matcher date) {
    try {
      LocalDate.of(
          Integer.parseInt(date.group(1)),
          Integer.parseInt(date.group(2)),
          Integer.parseInt(date.group(3)));
      return VersionTag.isYear(Integer.parseInt(date.group(1)));
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static BigInteger number(String digits) {
    return new BigInteger(digits);
  }
}
