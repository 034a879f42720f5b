package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionPolicyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "digest",
        "semver:patch",
        "semver:minor",
        "semver:major",
        "semver:all",
        "regex:^(?<version>\\d+)-x$",
        "regex:.*",
        "regex:(?i)^V\\d+,\\d+$",
      })
  void roundTripsThroughText(String text) {
    VersionPolicy policy = VersionPolicy.parse(text);

    assertThat(policy.toString()).isEqualTo(text);
    assertThat(VersionPolicy.parse(policy.toString())).isEqualTo(policy);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          semver                 ; semver:minor
          '  semver  '           ; semver:minor
          Semver:MAJOR           ; semver:major
          'semver: patch'        ; semver:patch
          DIGEST                 ; digest
          ' digest '             ; digest
          'regex:  ^a$  '        ; regex:^a$
          REGEX:^a$              ; regex:^a$
          """)
  void acceptsLooseSpelling(String text, String canonical) {
    assertThat(VersionPolicy.parse(text)).hasToString(canonical);
  }

  @Test
  void parsesIntoTheMatchingRecords() {
    assertThat(VersionPolicy.parse("digest")).isEqualTo(new DigestPolicy());
    assertThat(VersionPolicy.parse("semver:all")).isEqualTo(new SemverPolicy(SemverLevel.ALL));
    assertThat(VersionPolicy.parse("regex:^a$"))
        .isEqualTo(new RegexPolicy(UserRegex.compile("^a$", "test")))
        .hasSameHashCodeAs(new RegexPolicy(UserRegex.compile("^a$", "test")))
        .isNotEqualTo(new RegexPolicy(UserRegex.compile("^b$", "test")));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiterString = "=>",
      nullValues = "NULL",
      textBlock =
          """
          NULL              => empty version policy; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          ''                => empty version policy; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          '   '             => empty version policy; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          newest            => unknown version policy 'newest'; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          digest:x          => unknown version policy 'digest:x'; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          semver minor      => unknown version policy 'semver minor'; allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>
          semver:huge       => unknown semver level 'huge' in version policy 'semver:huge'; allowed: patch, minor, major, all
          semver:           => unknown semver level '' in version policy 'semver:'; allowed: patch, minor, major, all
          regex:            => version policy 'regex:' has no pattern; write regex:<RE2 regex>
          regex:(           => invalid regex '(' in version policy 'regex:(': missing closing ): `(`; Refit uses RE2 syntax: no lookarounds, backreferences or possessive quantifiers
          regex:(?=a)a      => invalid regex '(?=a)a' in version policy 'regex:(?=a)a': invalid or unsupported Perl syntax: `(?=`; Refit uses RE2 syntax: no lookarounds, backreferences or possessive quantifiers
          regex:(a)\\1     => invalid regex '(a)\\1' in version policy 'regex:(a)\\1': invalid escape sequence: `\\1`; Refit uses RE2 syntax: no lookarounds, backreferences or possessive quantifiers
          """)
  void rejectsBadPoliciesWithOneLineMessages(String text, String message) {
    assertThatThrownBy(() -> VersionPolicy.parse(text))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(message);
  }

  @Test
  void keepsMessagesOnOneLineEvenForMultiLineInput() {
    assertThatThrownBy(() -> VersionPolicy.parse("regex:a\n(b"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'a\\n(b'")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest(name = "{0} on {1}: lists tags {2}, checks digest {3}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          digest                      ; latest       ; false ; true
          digest                      ; 1.2.3        ; false ; true
          semver:minor                ; 1.2.3        ; true  ; false
          semver:minor                ; 1.2.3-alpine ; true  ; false
          semver:minor                ; 1.2          ; true  ; true
          semver:minor                ; 1.2-alpine   ; true  ; true
          semver:major                ; 1            ; true  ; true
          semver:minor                ; latest       ; true  ; true
          regex:^build-\\d+$          ; build-12     ; true  ; false
          regex:^\\d+\\.\\d+(-.*)?$   ; 1.2-alpine   ; true  ; true
          regex:^\\d+\\.\\d+\\.\\d+$  ; 1.2.3        ; true  ; false
          regex:^build-\\d+$          ; latest       ; true  ; true
          """)
  void saysWhatTheCheckNeeds(
      String policy, String currentTag, boolean listsTags, boolean checksDigest) {
    VersionPolicy versionPolicy = VersionPolicy.parse(policy);

    assertThat(versionPolicy.listsTags()).isEqualTo(listsTags);
    assertThat(versionPolicy.checksDigest(currentTag)).isEqualTo(checksDigest);
  }

  @Test
  void digestPolicyNeverNamesAnotherTag() {
    assertThat(new DigestPolicy().newestTag("1.2.3", List.of("1.2.4", "2.0.0"), TagFilter.NONE))
        .isEmpty();
  }

  @Test
  void semverPolicyFindsNothingForATagThatIsNotAVersion() {
    assertThat(
            new SemverPolicy(SemverLevel.ALL)
                .newestTag("latest", List.of("1.2.4", "zzz"), TagFilter.NONE))
        .isEmpty();
  }

  @Test
  void regexPolicySkipsCandidatesWithoutTheVersionGroup() {
    RegexPolicy policy = (RegexPolicy) VersionPolicy.parse("regex:^app(-(?<version>\\d+))?$");

    assertThat(policy.newestTag("app-1", List.of("app", "app-2"), TagFilter.NONE)).contains("app-2");
    assertThat(policy.newestTag("app", List.of("app-2"), TagFilter.NONE)).isEmpty();
  }

  @Test
  void regexPolicyUsesNaturalOrderForKeysThatAreNotVersions() {
    VersionPolicy policy = VersionPolicy.parse("regex:^nightly-[a-z]+\\d+$");

    assertThat(
            policy.newestTag(
                "nightly-r9", List.of("nightly-r10", "nightly-r8", "nightly-q99"), TagFilter.NONE))
        .contains("nightly-r10");
  }

  @Test
  void levelsHaveLowerCaseLabels() {
    assertThat(SemverLevel.fromLabel("Patch")).contains(SemverLevel.PATCH);
    assertThat(SemverLevel.fromLabel("huge")).isEmpty();
    assertThat(SemverLevel.ALL.label()).isEqualTo("all");
  }
}
