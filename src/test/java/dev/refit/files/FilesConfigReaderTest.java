package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.ImageReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FilesConfigReaderTest {
  private final FilesConfigReader reader = new FilesConfigReader();

  private FilesConfig read(String text) {
    return reader.read(new SourceFile(Path.of("refit-files.yaml"), text));
  }

  @Test
  void readsTheDefaultAndRules() {
    FilesConfig config =
        read(
            """
            policy: semver:patch
            rules:
              - image: pihole/pihole
                policy: "regex:^(?<version>\\\\d{4}\\\\.\\\\d{2}(\\\\.\\\\d+)?)$"
                exclude: beta
              - image: ghcr.io/acme/*
                ignore: true
            """);
    assertThat(config.policy()).isEqualTo("semver:patch");
    assertThat(config.rules())
        .containsExactly(
            new ImageRule("pihole/pihole", "regex:^(?<version>\\d{4}\\.\\d{2}(\\.\\d+)?)$", null, "beta", false, 3),
            new ImageRule("ghcr.io/acme/*", null, null, null, true, 6));
    assertThat(config.ruleFor(ImageReference.parse("docker.io/pihole/pihole:2022.12")).orElseThrow().line())
        .isEqualTo(3);
    assertThat(config.ruleFor(ImageReference.parse("ghcr.io/acme/api:1.0")).orElseThrow().ignore()).isTrue();
    assertThat(config.ruleFor(ImageReference.parse("nginx:1.0"))).isEmpty();
  }

  @Test
  void anEmptyFileIsNoRules() {
    assertThat(read("").rules()).isEmpty();
    assertThat(read("# nothing yet\n").policy()).isNull();
  }

  @Test
  void mistakesNameTheirLine() {
    assertThatThrownBy(() -> read("policy: semver:minor\nrulez: []\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("rulez is not a known key; allowed here: policy, rules");
            });
    assertThatThrownBy(() -> read("rules:\n  - image: nginx\n    policy: semver:newest\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.reason())
                  .isEqualTo(
                      "unknown semver level 'newest' in version policy 'semver:newest'; allowed: patch, minor, major, all");
            });
    assertThatThrownBy(() -> read("rules:\n  - policy: digest\n"))
        .isInstanceOfSatisfying(FileParseException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessage("rules[0] needs an image: the name (or glob) it applies to");
    assertThatThrownBy(() -> read("rules:\n  - image: a\n  - image: b\n    include: '('\n"))
        .isInstanceOfSatisfying(FileParseException.class, e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageStartingWith("rules[1]: ");
    assertThatThrownBy(() -> read("rules:\n  - image: a\n    ignore: maybe\n"))
        .hasMessage("rules[0].ignore must be true or false");
    assertThatThrownBy(() -> read("rules: [\n"))
        .isInstanceOfSatisfying(FileParseException.class, e -> assertThat(e.reason()).startsWith("not valid YAML: "));
  }

  @Test
  void rulesMatchFullShortAndGlobNames() {
    ImageReference nginx = ImageReference.parse("nginx:1.25");
    assertThat(rule("nginx").matches(nginx)).isTrue();
    assertThat(rule("library/nginx").matches(nginx)).isTrue();
    assertThat(rule("docker.io/library/nginx").matches(nginx)).isTrue();
    assertThat(rule("docker.io/*").matches(nginx)).isTrue();
    assertThat(rule("ngin").matches(nginx)).isFalse();
    ImageReference local = ImageReference.parse("127.0.0.1:5000/files/pihole:2022.12");
    assertThat(rule("*/files/pihole").matches(local)).isTrue();
    assertThat(rule("127.0.0.1:5000/files/pihole").matches(local)).isTrue();
  }

  private static ImageRule rule(String image) {
    return new ImageRule(image, null, null, null, false, 1);
  }
}
