package dev.refit.docker.http;

import dev.refit.http.client.HttpsLayer;
import dev.refit.http.client.SocketLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS as the Docker CLI sets it up from {@code DOCKER_CERT_PATH}: {@code ca.pem} (the engine's CA;
 * the JDK's roots when absent), {@code cert.pem} + {@code key.pem} (the client certificate, none
 * when both are absent), and the engine's name checked against its certificate.
 */
final class TlsLayer implements SocketLayer {
  // Only lives in memory: the JDK's key managers want a keystore, and a keystore a password.
  private static final char[] IN_MEMORY = "refit".toCharArray();

  private final HttpsLayer https;
  private final String hint;

  private TlsLayer(HttpsLayer https, String hint) {
    this.https = https;
    this.hint = hint;
  }

  /**
   * @throws IllegalArgumentException naming the file that is missing or unreadable as PEM
   */
  static TlsLayer fromCertPath(Path directory) {
    Path ca = directory.resolve("ca.pem");
    Path cert = directory.resolve("cert.pem");
    Path key = directory.resolve("key.pem");
    try {
      KeyManager[] keyManagers = null;
      if (Files.exists(cert) || Files.exists(key)) {
        if (!Files.exists(cert) || !Files.exists(key)) {
          throw new IllegalArgumentException(
              "TLS: "
                  + (Files.exists(cert) ? key : cert)
                  + " is missing (cert.pem and key.pem go together)");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "client", privateKey(key), IN_MEMORY, certificates(cert).toArray(new Certificate[0]));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, IN_MEMORY);
        keyManagers = kmf.getKeyManagers();
      }
      TrustManager[] trustManagers = null;
      if (Files.exists(ca)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates(ca)) {
          store.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trustManagers = tmf.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      // With TLS 1.3 an engine refuses a missing client certificate after the handshake, by
      // closing: the client sees only a broken pipe or an end of stream.
      String hint =
          keyManagers == null
              ? " (the engine may want a client certificate: "
                  + directory
                  + " has no cert.pem and key.pem)"
              : "";
      return new TlsLayer(new HttpsLayer(context), hint);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "TLS: cannot use the certificates in " + directory + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("TLS: cannot read " + directory + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    try {
      return PemKeys.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TLS: " + file + ": " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("TLS: " + file + " holds no PEM certificate");
      }
      return certificates;
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException(
          "TLS: " + file + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  @Override
  public String silentFailureHint() {
    return hint;
  }

  /** As for any https origin: SNI, the engine's name checked against its certificate. */
  @Override
  public Socket wrap(Socket plain, String hostName, int port) throws IOException {
    return https.wrap(plain, hostName, port);
  }
}
