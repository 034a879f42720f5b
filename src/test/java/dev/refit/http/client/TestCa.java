package dev.refit.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority of its own made with {@code openssl}, and a server certificate it signed:
 * what an https registry with a private CA looks like.
 */
public final class TestCa {
  private static final char[] PASSWORD = "test".toCharArray();

  private final Path dir;

  private TestCa(Path dir) {
    this.dir = dir;
  }

  /** A CA and a server certificate for {@code subjectAltName}, e.g. {@code DNS:localhost}. */
  public static TestCa create(Path dir, String subjectAltName) throws Exception {
    Openssl.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca-key.pem");
    Openssl.run(
        dir, "req", "-x509", "-new", "-key", "ca-key.pem", "-sha256", "-days", "2", "-subj",
        "/CN=refit test CA", "-out", "ca.pem");
    Openssl.run(
        dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server-key.pem");
    Openssl.run(
        dir, "req", "-new", "-key", "server-key.pem", "-subj", "/CN=server", "-out", "server.csr");
    Files.writeString(
        dir.resolve("ext.cnf"),
        "subjectAltName=" + subjectAltName + "\nextendedKeyUsage=serverAuth\n");
    Openssl.run(
        dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
        "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "ext.cnf", "-out", "server.pem");
    Openssl.run(
        dir, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server-key.pem", "-out",
        "server.p12", "-passout", "pass:test");
    return new TestCa(dir);
  }

  /** What the server presents its certificate with. */
  public SSLContext server() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /**
   * Server sockets presenting the server certificate that note every SNI host name a client sends
   * (the matcher accepts them all).
   */
  public ServerSocketFactory serverSockets(List<String> serverNames) throws Exception {
    SSLServerSocketFactory real = server().getServerSocketFactory();
    SNIMatcher recorder =
        new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
          @Override
          public boolean matches(SNIServerName name) {
            serverNames.add(((SNIHostName) name).getAsciiName());
            return true;
          }
        };
    return new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
          throws IOException {
        SSLServerSocket socket = (SSLServerSocket) real.createServerSocket(port, backlog, address);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setSNIMatchers(List.of(recorder));
        socket.setSSLParameters(parameters);
        return socket;
      }

      @Override
      public ServerSocket createServerSocket(int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** A client context that trusts this CA only. */
  public SSLContext client() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
