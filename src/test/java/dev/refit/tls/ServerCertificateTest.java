package dev.refit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** PEM files as openssl writes them (src/test/resources/tls, see its README). */
class ServerCertificateTest {
  private static final Path DIR = Path.of("src/test/resources/tls");

  @Test
  void readsAChainAndItsPkcs8KeyIntoAKeyStore() throws Exception {
    ServerCertificate tls = ServerCertificate.read(DIR.resolve("server-chain.pem"), DIR.resolve("server.key"));

    assertThat(tls.chain()).hasSize(2);
    assertThat(tls.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
    KeyStore store = tls.keyStore("pw".toCharArray());
    assertThat(store.getKey(ServerCertificate.ALIAS, "pw".toCharArray())).isEqualTo(tls.key());
    assertThat(((X509Certificate) store.getCertificateChain(ServerCertificate.ALIAS)[1]).getSubjectX500Principal().getName())
        .isEqualTo("CN=Refit test CA");
  }

  @Test
  void readsAnEcKey() {
    assertThat(ServerCertificate.read(DIR.resolve("other.pem"), DIR.resolve("other.key")).key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("server.pem"), DIR.resolve("other.key")))
        .hasMessage("the key in " + DIR.resolve("other.key") + " does not belong to the first certificate in " + DIR.resolve("server.pem"));
  }

  @Test
  void pkcs1AndEncryptedKeysAreRefusedWithTheCommandThatConvertsThem() {
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("server.pem"), DIR.resolve("server-pkcs1.key")))
        .hasMessageContaining("RSA PRIVATE KEY (PKCS#1/SEC1)")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("server.pem"), DIR.resolve("server-encrypted.key")))
        .hasMessageContaining("holds an encrypted key");
  }

  @Test
  void swappedOrMissingFilesAreNamed() {
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("server.key"), DIR.resolve("server.pem")))
        .hasMessage(DIR.resolve("server.key") + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("server.pem"), DIR.resolve("ca.pem")))
        .hasMessage(DIR.resolve("ca.pem") + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    assertThatThrownBy(() -> ServerCertificate.read(DIR.resolve("missing.pem"), DIR.resolve("server.key")))
        .hasMessage("cannot read " + DIR.resolve("missing.pem"));
  }
}
