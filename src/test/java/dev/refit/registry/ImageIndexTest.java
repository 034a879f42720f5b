package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.Digest;
import dev.refit.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
  private static final String AMD64 = "sha256:" + "1".repeat(64);
  private static final String ARM_V7 = "sha256:" + "2".repeat(64);
  private static final String ARM64 = "sha256:" + "3".repeat(64);
  private static final String ATTESTATION = "sha256:" + "4".repeat(64);

  private static final String INDEX =
      """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
         "platform":{"architecture":"amd64","os":"linux"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
         "platform":{"architecture":"arm","os":"linux","variant":"v7"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
         "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
         "platform":{"architecture":"unknown","os":"unknown"}}
      ]}
      """
          .formatted(AMD64, ARM_V7, ARM64, ATTESTATION);

  @Test
  void picksTheManifestOfThePlatform() throws IOException {
    ImageIndex index = ImageIndex.parse(INDEX.getBytes(StandardCharsets.UTF_8));
    assertThat(index.manifests()).hasSize(4);
    assertThat(index.digestFor(Platform.parse("linux/amd64"))).contains(Digest.parse(AMD64));
    assertThat(index.digestFor(Platform.parse("linux/arm/v7"))).contains(Digest.parse(ARM_V7));
    assertThat(index.digestFor(new Platform("linux", "aarch64", ""))).contains(Digest.parse(ARM64));
    assertThat(index.digestFor(Platform.parse("linux/s390x"))).isEmpty();
  }

  @Test
  void rejectsSomethingElse() {
    assertThatThrownBy(() -> ImageIndex.parse("{\"layers\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ImageIndex.parse("<html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
