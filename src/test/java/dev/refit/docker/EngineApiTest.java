package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineApiTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An image list in the shape the Engine API documents for ImageSummary (v1.41 and later). */
  @Test
  void keepsTheIdAndRepoDigestsOfEachListedImage() {
    String list =
        """
        [{"Id":"sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710",
          "ParentId":"","RepoTags":["example:1.0","example:latest","example:stable","internal.registry.example.com:5000/example:1.0"],
          "RepoDigests":["example@sha256:afcc7f1ac1b49db317a7196c902e61c6c3c4607d63599ee1a82d702d249a0ccb",
                         "internal.registry.example.com:5000/example@sha256:b69959407d21e8a062e0416bf13405bb2b71ed7a84dde4158ebafacfa06f5578"],
          "Created":1644009612,"Size":172064416,"SharedSize":1239828,"VirtualSize":172064416,
          "Labels":{"com.example.some-label":"some-value","com.example.some-other-label":"some-other-value"},
          "Containers":2,
          "Manifests":[{"ID":"sha256:1","Descriptor":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1"},"Available":true}]},
         {"Id":"sha256:built-here","RepoTags":["local/app:dev"],"RepoDigests":[],"Labels":null}]
        """;
    var digests = EngineApi.repoDigestsByImage(utf8(list));
    assertThat(digests)
        .containsOnlyKeys(
            "sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710", "sha256:built-here");
    assertThat(digests.get("sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710"))
        .containsExactly(
            "example@sha256:afcc7f1ac1b49db317a7196c902e61c6c3c4607d63599ee1a82d702d249a0ccb",
            "internal.registry.example.com:5000/example@sha256:b69959407d21e8a062e0416bf13405bb2b71ed7a84dde4158ebafacfa06f5578");
    assertThat(digests.get("sha256:built-here")).isEmpty();
  }

  /**
   * Engines before API 1.43 list an untagged, unpushed image with placeholder names; from 1.43 the
   * fields may be null (moby/moby#45068, #45556).
   */
  @Test
  void leavesOutPlaceholdersAndNulls() {
    String list =
        """
        [{"Id":"sha256:old","RepoTags":["<none>:<none>"],"RepoDigests":["<none>@<none>"]},
         {"Id":"sha256:new","RepoTags":null,"RepoDigests":null},
         {"RepoDigests":["no-id@sha256:aa"]}]
        """;
    var digests = EngineApi.repoDigestsByImage(utf8(list));
    assertThat(digests).containsOnlyKeys("sha256:old", "sha256:new");
    assertThat(digests.get("sha256:old")).isEqualTo(List.of());
    assertThat(digests.get("sha256:new")).isEqualTo(List.of());
  }

  @Test
  void anAnswerThatIsNoListFailsInOneLine() {
    assertThatThrownBy(() -> EngineApi.repoDigestsByImage(utf8("{\"message\":\"page not found\"}")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET /images/json answered no image list: not a list");
    assertThatThrownBy(() -> EngineApi.repoDigestsByImage(utf8("[{\"Id\":\"sha256:a\",")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("GET /images/json answered no image list: ")
        .hasMessageNotContaining("\n");
  }
}
