package dev.refit.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate chain (server certificate first, as Let's Encrypt's {@code fullchain.pem}) and
 * unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}, as {@code privkey.pem} or {@code
 * openssl req -newkey}) the server presents. Read and checked once at start, so that a wrong file
 * is one line naming it, not a TLS failure on every connection later.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  /** The alias and password of the in-memory key store; it never leaves this process. */
  public static final String ALIAS = "refit";

  /**
   * Reads and checks both files.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static ServerCertificate read(Path certFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    if (!matches(key, chain.get(0))) {
      throw new IllegalArgumentException(
          "the key in " + keyFile + " does not belong to the first certificate in " + certFile);
    }
    return new ServerCertificate(List.copyOf(chain), key);
  }

  /** A key store holding the key with its chain under {@link #ALIAS}, protected by {@code password}. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain.toArray(X509Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot hold the server's key in a key store: " + e.getMessage(), e);
    }
  }

  /** When the server certificate stops being valid. */
  public Instant notAfter() {
    return chain.get(0).getNotAfter().toInstant();
  }

  private static List<X509Certificate> certificates(Path file) {
    String text = read(file);
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = PEM.matcher(text);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          chain.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(decode(file, m.group(2)))));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file) {
    Matcher m = PEM.matcher(read(file));
    while (m.find()) {
      switch (m.group(1)) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, decode(file, m.group(2)));
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                file + " holds a " + m.group(1) + " (PKCS#1/SEC1); convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key.pem");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException(
                file + " holds an encrypted key; give the unencrypted one (keep the file mode 600): openssl pkcs8 -in "
                    + file + " -out key.pem");
        default -> {
          // certificates may share the file; keep looking
        }
      }
    }
    throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next
      }
    }
    throw new IllegalArgumentException(file + " holds a private key that is not RSA, EC or EdDSA");
  }

  /** Whether the certificate's public key verifies what the private key signs. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm();
        };
    try {
      byte[] probe = "refit".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException differentKinds) {
      return false;
    }
  }

  private static byte[] decode(Path file, String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " holds a PEM block that is not base64", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file, e);
    }
  }
}
