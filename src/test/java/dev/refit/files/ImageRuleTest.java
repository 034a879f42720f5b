package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.refit.image.ImageReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImageRuleTest {

  private static ImageRule rule(String image) {
    return new ImageRule(image, null, null, null, false, 1);
  }

  @Test
  void globsMatchFullAndShortNames() {
    ImageReference nginx = ImageReference.parse("nginx:1.25.3");
    ImageReference acme = ImageReference.parse("ghcr.io/acme/api:1.0.0");

    assertThat(rule("nginx").matches(nginx)).isTrue();
    assertThat(rule("docker.io/library/*").matches(nginx)).isTrue();
    assertThat(rule("ghcr.io/acme/*").matches(acme)).isTrue();
    assertThat(rule("ghcr.io/other/*").matches(acme)).isFalse();
    assertThat(rule("*/acme/api").matches(acme)).as("a leading star").isTrue();
    assertThat(rule("ghcr.io/acme/a.i").matches(acme)).as("a dot is a dot").isFalse();
  }

  @Test
  void aGlobWithManyStarsCannotHang() {
    ImageReference long_ = ImageReference.parse("registry.example/" + "a".repeat(200) + ":1.0");
    ImageRule hostile = rule("*a*a*a*a*a*a*a*a*a*a*a*a*b");

    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> hostile.matches(long_));

    assertThat(matched).isFalse();
  }
}
