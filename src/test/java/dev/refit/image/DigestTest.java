package dev.refit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  void parsesValidatesAndPrints() {
    String text = "sha256:" + "a".repeat(64);
    Digest digest = Digest.parse(text);
    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest.toString()).isEqualTo(text);
    assertThat(digest.shortForm()).isEqualTo("aaaaaaaaaaaa");
    assertThat(Digest.parse("sha512:" + "0".repeat(128)).algorithm()).isEqualTo("sha512");
  }

  @Test
  void rejectsWrongLengthsAndCharacters() {
    assertThatThrownBy(() -> Digest.parse("sha256:" + "a".repeat(63)))
        .hasMessageContaining("64 lowercase hex");
    assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64)))
        .hasMessageContaining("64 lowercase hex");
    assertThatThrownBy(() -> Digest.parse("nocolon")).hasMessageContaining("sha256:<64 hex");
    assertThatThrownBy(() -> Digest.parse("SHA256:" + "a".repeat(64)))
        .hasMessageContaining("algorithm");
  }

  @Test
  void hashesLikeARegistry() {
    // sha256 of the empty string, a well-known value
    assertThat(Digest.sha256(new byte[0]).toString())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
