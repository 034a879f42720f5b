package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagFilterTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1.2.3", "latest", "sha256-abc.sig", ""})
  void noneAcceptsEverything(String tag) {
    assertThat(TagFilter.NONE.accepts(tag)).isTrue();
  }

  @ParameterizedTest(name = "include={0} exclude={1} tag={2} -> {3}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          alpine         ;                ; 1.2-alpine       ; true
          alpine         ;                ; 1.2              ; false
          alpine         ;                ; 1.2-alpine-slim  ; true
          -alpine$       ;                ; 1.2-alpine-slim  ; false
          ^1\\.          ;                ; 11.0             ; false
          ^1\\.,^2\\.    ;                ; 2.5              ; true
          ^1\\.,^2\\.    ;                ; 3.0              ; false
                         ; rc             ; 1.0-rc1          ; false
                         ; rc             ; 1.0              ; true
          alpine         ; slim           ; 1.2-alpine-slim  ; false
          alpine         ; slim           ; 1.2-alpine       ; true
          ^\\d{1,2}\\.   ;                ; 10.0             ; true
          ^\\d{1,2}\\.   ;                ; 100.0            ; false
                         ; '[,;]'         ; a,b              ; false
          ' , alpine , ' ;                ; 1.2              ; false
          """)
  void includesAndExcludesWithFind(String include, String exclude, String tag, boolean accepted) {
    assertThat(TagFilter.of(include, exclude).accepts(tag)).isEqualTo(accepted);
  }

  @Test
  void splitsOnlyOnTopLevelCommas() {
    TagFilter filter = TagFilter.of("^\\d{1,3}$, [,;]x ,(a,b), a\\,b,,  ", null);

    assertThat(filter.includes())
        .extracting(UserRegex::text)
        .containsExactly("^\\d{1,3}$", "[,;]x", "(a,b)", "a\\,b");
  }

  @Test
  void treatsMissingOrBlankListsAsNoFilter() {
    assertThat(TagFilter.of(null, null)).isEqualTo(TagFilter.NONE);
    assertThat(TagFilter.of("", " , ")).isEqualTo(TagFilter.NONE).hasSameHashCodeAs(TagFilter.NONE);
  }

  @Test
  void comparesByPatternText() {
    assertThat(TagFilter.of("a,b", "c")).isEqualTo(TagFilter.of("a, b", "c"));
    assertThat(TagFilter.of("a", null)).isNotEqualTo(TagFilter.of(null, "a"));
  }

  @Test
  void namesTheBadIncludeRegex() {
    assertThatThrownBy(() -> TagFilter.of("^ok$, (broken", null))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid regex '(broken' in include filter: missing closing ): `(broken`;"
                + " Refit uses RE2 syntax: no lookarounds, backreferences or possessive quantifiers");
  }

  @Test
  void namesTheBadExcludeRegex() {
    assertThatThrownBy(() -> TagFilter.of(null, "*rc"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("invalid regex '*rc' in exclude filter: missing argument to repetition operator")
        .hasMessageNotContaining("\n");
  }
}
