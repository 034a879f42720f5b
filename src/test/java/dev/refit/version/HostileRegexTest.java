package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * User regexes cannot hang a check: {@code (.*a){12}$} takes exponential time in a backtracking
 * engine (java.util.regex did not finish within 30 s on this 128-character tag, measured here) and
 * linear time in RE2J.
 */
class HostileRegexTest {
  private static final String CATASTROPHIC = "(.*a){12}$";
  private static final Duration BUDGET = Duration.ofSeconds(5);

  // The longest tag Docker allows, all a's and a final b, so every attempt fails at the very end.
  private static final String LONG_TAG = "a".repeat(Candidates.MAX_TAG_LENGTH - 1) + "b";

  private static List<String> manyLongTags() {
    return IntStream.range(0, 500)
        .mapToObj(i -> "a".repeat(Candidates.MAX_TAG_LENGTH - 4) + String.format("%03d", i) + "b")
        .toList();
  }

  @Test
  void catastrophicIncludeFilterFinishesQuickly() {
    TagFilter filter = TagFilter.of(CATASTROPHIC, null);

    boolean accepted = assertTimeoutPreemptively(BUDGET, () -> filter.accepts(LONG_TAG));

    assertThat(accepted).isFalse();
  }

  @Test
  void catastrophicExcludeFilterOverAWholeTagListFinishesQuickly() {
    TagFilter filter = TagFilter.of(null, CATASTROPHIC);
    VersionPolicy policy = VersionPolicy.parse("regex:.*");

    assertTimeoutPreemptively(
        BUDGET, () -> policy.newestTag(LONG_TAG, manyLongTags(), filter));
  }

  @Test
  void catastrophicRegexPolicyFinishesQuickly() {
    VersionPolicy policy = VersionPolicy.parse("regex:" + CATASTROPHIC);

    assertThat(assertTimeoutPreemptively(BUDGET, () -> policy.checksDigest(LONG_TAG))).isTrue();
    assertThat(
            assertTimeoutPreemptively(
                BUDGET, () -> policy.newestTag(LONG_TAG, manyLongTags(), TagFilter.NONE)))
        .isEmpty();
  }

  @Test
  void tagsLongerThanDockerAllowsNeverReachARegex() {
    String huge = "1." + "1".repeat(100_000);

    assertThat(
            VersionPolicy.parse("regex:.*").newestTag("1.0", List.of(huge, "1.1"), TagFilter.NONE))
        .contains("1.1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          ((a{1000}){1000}){1000} ; is too large: its counted repeats expand to about
          (x{999}){999}           ; is too large: its counted repeats expand to about
          (?<!x)a                 ; invalid named capture: `(?<!x)a`
          (?=1)\\d+               ; invalid or unsupported Perl syntax: `(?=`
          (a)\\1                  ; invalid escape sequence: `\\1`
          \\d++                   ; invalid nested repetition operator: `++`
          a{1001}                 ; invalid repeat count: `{1001}`
          """)
  void refusesWhatWouldBlowUpOrIsUnsupportedWithOneLine(String regex, String reason) {
    assertThatThrownBy(() -> TagFilter.of(regex, null))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'" + regex + "' in include filter")
        .hasMessageContaining(reason)
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> VersionPolicy.parse("regex:" + regex))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("in version policy 'regex:" + regex + "'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void namedGroupsWorkInBothSpellings() {
    List<String> tags = List.of("build-100", "build-99", "build-7");

    assertThat(VersionPolicy.parse("regex:^build-(?<version>\\d+)$").newestTag("build-9", tags, TagFilter.NONE))
        .contains("build-100");
    assertThat(VersionPolicy.parse("regex:^build-(?P<version>\\d+)$").newestTag("build-9", tags, TagFilter.NONE))
        .contains("build-100");
  }

  @Test
  void ordinaryRegexesStayWellUnderTheSizeLimit() {
    assertThat(RegexSize.estimate("^\\d+\\.\\d+\\.\\d+-alpine3\\.\\d{1,2}$")).isLessThan(100);
    assertThat(RegexSize.estimate("[a-z]{1000}")).isEqualTo(1000);
    assertThat(RegexSize.estimate("(ab){3}|c")).isEqualTo(7);
    assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(RegexSize.LIMIT);
  }
}
