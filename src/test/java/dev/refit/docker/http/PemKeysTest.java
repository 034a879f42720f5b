package dev.refit.docker.http;

import dev.refit.http.client.Openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key kinds Docker users have in {@code key.pem}, written by openssl itself. Each parsed key
 * must sign what openssl's public key of it verifies: the proof that it is the same key.
 */
class PemKeysTest {
  @TempDir Path dir;

  @Test
  void readsPkcs8RsaKeys() throws Exception {
    Openssl.run(
        dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "key.pem");
    assertThat(pem("key.pem")).contains("-----BEGIN PRIVATE KEY-----");
    assertSignsFor(PemKeys.parse(pem("key.pem")), "RSA", "SHA256withRSA");
  }

  @Test
  void readsPkcs1RsaKeys() throws Exception {
    Openssl.run(dir, "genrsa", "-traditional", "-out", "key.pem", "1024");
    assertThat(pem("key.pem")).contains("-----BEGIN RSA PRIVATE KEY-----");
    assertSignsFor(PemKeys.parse(pem("key.pem")), "RSA", "SHA256withRSA");
  }

  @Test
  void readsSec1EcKeysAfterTheirParameters() throws Exception {
    // What `openssl ecparam -genkey` writes: an EC PARAMETERS block, then the key.
    Openssl.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem");
    assertThat(pem("key.pem"))
        .contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");
    assertSignsFor(PemKeys.parse(pem("key.pem")), "EC", "SHA256withECDSA");

    Openssl.run(dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "p384.pem");
    assertSignsFor(PemKeys.parse(pem("p384.pem")), "EC", "SHA384withECDSA", "p384.pem");
  }

  @Test
  void readsPkcs8EcKeys() throws Exception {
    Openssl.run(
        dir,
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "key.pem");
    assertThat(pem("key.pem")).contains("-----BEGIN PRIVATE KEY-----");
    assertSignsFor(PemKeys.parse(pem("key.pem")), "EC", "SHA256withECDSA");
  }

  @Test
  void refusesEncryptedKeysAndTextWithoutKeyWithoutShowingThem() throws Exception {
    Openssl.run(
        dir,
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-aes256",
        "-pass",
        "pass:secret",
        "-out",
        "key.pem");
    assertThatThrownBy(() -> PemKeys.parse(pem("key.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key is encrypted; give it unencrypted");
    Openssl.run(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=x",
        "-keyout",
        "k.pem",
        "-out",
        "cert.pem");
    assertThatThrownBy(() -> PemKeys.parse(pem("cert.pem"))).hasMessage("no PEM private key in it");
    String damaged =
        pem("k.pem").replaceAll("(?s)(BEGIN PRIVATE KEY-----\\s*)\\S{8}", "$1AAAAAAAA");
    assertThatThrownBy(() -> PemKeys.parse(damaged))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(damaged.substring(40, 60));
  }

  private String pem(String file) throws Exception {
    return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
  }

  private void assertSignsFor(PrivateKey key, String algorithm, String signature) throws Exception {
    assertSignsFor(key, algorithm, signature, "key.pem");
  }

  private void assertSignsFor(PrivateKey key, String algorithm, String signature, String file)
      throws Exception {
    Openssl.run(dir, "pkey", "-in", file, "-pubout", "-outform", "DER", "-out", "public.der");
    PublicKey publicKey =
        KeyFactory.getInstance(algorithm)
            .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("public.der"))));
    byte[] data = "refit".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance(signature);
    signer.initSign(key);
    signer.update(data);
    byte[] signed = signer.sign();
    Signature verifier = Signature.getInstance(signature);
    verifier.initVerify(publicKey);
    verifier.update(data);
    assertThat(key.getAlgorithm()).isEqualTo(algorithm);
    assertThat(verifier.verify(signed)).isTrue();
  }
}
