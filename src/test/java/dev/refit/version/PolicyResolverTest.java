package dev.refit.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyResolverTest {
  private final PolicyResolver standard = new PolicyResolver(PolicyDefaults.standard());

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1.2.3", "v2.10.4", "1.25-alpine", "12", "2023.12.4", "1.2.3-rc.1"})
  void givesVersionTagsSemverAtTheDefaultLevel(String tag) {
    assertThat(standard.resolve(tag, null)).isEqualTo(new SemverPolicy(SemverLevel.MINOR));
  }

  @Test
  void defaultLevelIsConfigurable() {
    PolicyResolver resolver = new PolicyResolver(new PolicyDefaults(SemverLevel.PATCH));

    assertThat(resolver.resolve("1.2.3", null)).hasToString("semver:patch");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"latest", "stable", "main", "alpine", "stable-alpine", "a1b2c3d", "1.2.3_x", ""})
  void givesOtherTagsTheDigestPolicy(String tag) {
    assertThat(standard.resolve(tag, null)).isEqualTo(new DigestPolicy());
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          1.2.3    ; digest              ; digest
          1.2.3    ; semver:major        ; semver:major
          1.2.3    ; ' semver '          ; semver:minor
          latest   ; digest              ; digest
          latest   ; regex:^\\d+$        ; regex:^\\d+$
          build-12 ; regex:^build-\\d+$  ; regex:^build-\\d+$
          1.2.3    ; ''                  ; semver:minor
          latest   ; '  '                ; digest
          """)
  void letsTheLabelWin(String tag, String label, String expected) {
    assertThat(standard.resolve(tag, label)).hasToString(expected);
  }

  @Test
  void refusesSemverOnATagThatIsNotAVersion() {
    assertThatThrownBy(() -> standard.resolve("latest", "semver:minor"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("policy semver:minor needs a version tag, but the tag is 'latest'");
    assertThatThrownBy(() -> standard.resolve("main", "semver"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("policy semver:minor needs a version tag, but the tag is 'main'");
  }

  @Test
  void passesOnBadLabels() {
    assertThatThrownBy(() -> standard.resolve("1.2.3", "semver:huge"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'huge'");
  }

  @Test
  void standardDefaultsAreMinor() {
    assertThat(PolicyDefaults.standard().versionTagLevel()).isEqualTo(SemverLevel.MINOR);
  }
}
