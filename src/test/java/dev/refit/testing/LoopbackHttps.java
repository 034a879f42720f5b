package dev.refit.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.refit.tls.ServerCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on loopback (the JDK's) that presents a certificate from {@code
 * src/test/resources/tls} and answers every request with the same JSON: enough for what a client
 * does with the server's certificate (trust it, name it, refuse it), without Refit's server.
 */
public final class LoopbackHttps implements AutoCloseable {
  /** The test certificates (see the README there). */
  public static final Path TLS = Path.of("src/test/resources/tls");

  private final HttpsServer server;

  private LoopbackHttps(HttpsServer server) {
    this.server = server;
  }

  /**
   * @param certificate a PEM file in {@link #TLS}, e.g. {@code server.pem}
   * @param key its key there, e.g. {@code server.key}
   */
  public static LoopbackHttps serve(String certificate, String key, String json) {
    char[] password = "loopback".toCharArray();
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(ServerCertificate.read(TLS.resolve(certificate), TLS.resolve(key)).keyStore(password), password);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keys.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(ssl));
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return new LoopbackHttps(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
