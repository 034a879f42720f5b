package dev.refit.fleet.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --ca-file}: the server's certificate authority (or its self-signed certificate) as a PEM
 * file, trusted instead of the JDK's CAs. The host name is still verified.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  public static SSLContext sslContext(Path pemFile) {
    return sslContext(pemFile, "--ca-file");
  }

  /**
   * @param origin where the file was named ({@code --ca-file}, {@code $REFIT_CA_FILE}), for errors
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static SSLContext sslContext(Path pemFile, String origin) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, cert);
      }
      if (n == 0) {
        throw new IllegalArgumentException(origin + " " + pemFile + " holds no PEM certificate");
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, trust.getTrustManagers(), null);
      return ssl;
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + " " + pemFile + " cannot be read: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          origin + " " + pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }
}
