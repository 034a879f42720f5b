package dev.refit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final String DIGEST =
      "sha256:b04a9ab1e02c143d1c34e499049ded4d9284a346cb21ef9f2fcd598b679d21c7";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nginx                                  | docker.io       | library/nginx        | latest | docker.io/library/nginx:latest
          nginx:1.25                             | docker.io       | library/nginx        | 1.25   | docker.io/library/nginx:1.25
          library/nginx:1.25-alpine              | docker.io       | library/nginx        | 1.25-alpine | docker.io/library/nginx:1.25-alpine
          pihole/pihole:2022.12                  | docker.io       | pihole/pihole        | 2022.12 | docker.io/pihole/pihole:2022.12
          docker.io/pihole/pihole                | docker.io       | pihole/pihole        | latest | docker.io/pihole/pihole:latest
          index.docker.io/library/redis:7        | docker.io       | library/redis        | 7      | docker.io/library/redis:7
          ghcr.io/home-assistant/home-assistant:2023.12.4 | ghcr.io | home-assistant/home-assistant | 2023.12.4 | ghcr.io/home-assistant/home-assistant:2023.12.4
          quay.io/prometheus/node-exporter:v1.7.0 | quay.io        | prometheus/node-exporter | v1.7.0 | quay.io/prometheus/node-exporter:v1.7.0
          127.0.0.1:5000/app:1.0.0               | 127.0.0.1:5000  | app                  | 1.0.0  | 127.0.0.1:5000/app:1.0.0
          localhost/app                          | localhost       | app                  | latest | localhost/app:latest
          localhost:5000/team/sub/app:v1         | localhost:5000  | team/sub/app         | v1     | localhost:5000/team/sub/app:v1
          registry.example.com:443/a_b/c__d/e-f/g.h:1 | registry.example.com:443 | a_b/c__d/e-f/g.h | 1 | registry.example.com:443/a_b/c__d/e-f/g.h:1
          [::1]:5000/app:2                       | [::1]:5000      | app                  | 2      | [::1]:5000/app:2
          Registry.Example.com/app:1             | Registry.Example.com | app             | 1      | Registry.Example.com/app:1
          my-registry/app:1                      | docker.io       | my-registry/app      | 1      | docker.io/my-registry/app:1
          """)
  void parsesAndNormalises(
      String input, String registry, String repository, String tag, String normalised) {
    ImageReference ref = ImageReference.parse(input);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isNull();
    assertThat(ref.toString()).isEqualTo(normalised);
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
  }

  @Test
  void digestOnlyAndTagPlusDigest() {
    ImageReference byDigest = ImageReference.parse("nginx@" + DIGEST);
    assertThat(byDigest.tag()).isNull();
    assertThat(byDigest.digest()).isEqualTo(Digest.parse(DIGEST));
    assertThat(byDigest.manifestReference()).isEqualTo(DIGEST);
    assertThat(byDigest.toString()).isEqualTo("docker.io/library/nginx@" + DIGEST);

    ImageReference both = ImageReference.parse("127.0.0.1:5000/app:1.0@" + DIGEST);
    assertThat(both.tag()).isEqualTo("1.0");
    assertThat(both.hasDigest()).isTrue();
    assertThat(both.manifestReference()).isEqualTo(DIGEST);
    assertThat(both.withoutDigest().toString()).isEqualTo("127.0.0.1:5000/app:1.0");
    assertThat(ImageReference.parse(both.toString())).isEqualTo(both);
  }

  @Test
  void dockerHubApiHostAndFamiliarForm() {
    ImageReference nginx = ImageReference.parse("nginx:1.25");
    assertThat(nginx.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(nginx.isDockerHub()).isTrue();
    assertThat(nginx.familiarForm()).isEqualTo("nginx:1.25");
    assertThat(ImageReference.parse("pihole/pihole:2022.12").familiarForm())
        .isEqualTo("pihole/pihole:2022.12");
    ImageReference local = ImageReference.parse("127.0.0.1:5000/app:1");
    assertThat(local.apiHost()).isEqualTo("127.0.0.1:5000");
    assertThat(local.familiarForm()).isEqualTo("127.0.0.1:5000/app:1");
    assertThat(local.name()).isEqualTo("127.0.0.1:5000/app");
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                          | it is empty
          ' nginx'                    | leading or trailing whitespace
          Nginx                       | must be lowercase
          nginx:                      | the tag '' is not valid
          nginx:-bad                  | the tag '-bad' is not valid
          nginx:bad/tag               | is not a valid host
          app//sub                    | empty component
          app/                        | empty component
          :1.0                        | the repository name is missing
          app__-x                     | may hold only lowercase letters
          nginx@sha256:abc            | the digest 'sha256:abc' is not valid
          nginx@md5                   | the digest 'md5' is not valid
          a..b/app                    | is not a valid host
          """)
  void rejectsBadInputWithAReason(String input, String reason) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageStartingWith("invalid image reference '" + input + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsOverlongNamesAndTags() {
    assertThatThrownBy(() -> ImageReference.parse("a/" + "b".repeat(260)))
        .hasMessageContaining("longer than 255");
    assertThatThrownBy(() -> ImageReference.parse("app:" + "t".repeat(129)))
        .hasMessageContaining("is not valid");
  }
}
