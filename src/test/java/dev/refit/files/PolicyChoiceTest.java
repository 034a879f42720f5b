package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.ImageReference;
import dev.refit.version.InvalidPolicyException;
import dev.refit.version.SemverLevel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyChoiceTest {
  private final PolicyChoice choice = new PolicyChoice(SemverLevel.MINOR);
  private final ImageReference versioned = ImageReference.parse("pihole/pihole:2022.12");
  private final ImageReference latest = ImageReference.parse("nginx:latest");
  private final FilesConfig config =
      new FilesConfig(
          Path.of("refit-files.yaml"),
          "semver:major",
          List.of(
              new ImageRule("pihole/pihole", "semver:patch", "^2022", "beta", false, 3),
              new ImageRule("redis", null, null, null, true, 7)));

  @Test
  void withoutRulesLikeCheck() {
    assertThat(policy(versioned, null, null)).isEqualTo("semver:minor");
    assertThat(policy(latest, null, null)).isEqualTo("digest");
    assertThat(policy(versioned, null, new PolicyChoice(SemverLevel.PATCH), null)).isEqualTo("semver:patch");
  }

  @Test
  void markerBeatsRuleBeatsFileDefaultBeatsCommandDefault() {
    assertThat(policy(versioned, "semver:all", config)).isEqualTo("semver:all");
    PolicyChoice.Check byRule = (PolicyChoice.Check) choice.choose(versioned, null, config);
    assertThat(byRule.policy().toString()).isEqualTo("semver:patch");
    assertThat(byRule.filter().accepts("2022.12.1")).isTrue();
    assertThat(byRule.filter().accepts("2022.12.2-beta")).isFalse();
    assertThat(policy(ImageReference.parse("nginx:1.25.3"), null, config)).isEqualTo("semver:major");
    // a semver default is a default: tags that are not versions keep the digest policy
    assertThat(policy(latest, null, config)).isEqualTo("digest");
  }

  @Test
  void ignoredByMarkerOrRule() {
    assertThat(choice.choose(versioned, " Ignore ", config))
        .isEqualTo(new PolicyChoice.Ignore("marker 'refit: ignore'"));
    assertThat(choice.choose(ImageReference.parse("redis:7.2"), null, config))
        .isEqualTo(new PolicyChoice.Ignore("rule at refit-files.yaml:7"));
  }

  @Test
  void aPolicyThatCannotApplySaysWhereItCameFrom() {
    assertThatThrownBy(() -> choice.choose(latest, "semver:patch", null))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("marker 'refit: semver:patch': policy semver:patch needs a version tag, but the tag is 'latest'");
    assertThatThrownBy(() -> choice.choose(versioned, "newest", null))
        .hasMessageStartingWith("marker 'refit: newest': unknown version policy 'newest'");
  }

  private String policy(ImageReference image, String marker, FilesConfig config) {
    return policy(image, marker, choice, config);
  }

  private static String policy(ImageReference image, String marker, PolicyChoice choice, FilesConfig config) {
    return ((PolicyChoice.Check) choice.choose(image, marker, config)).policy().toString();
  }
}
