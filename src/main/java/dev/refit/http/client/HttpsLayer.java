package dev.refit.http.client;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for {@code https://} origins: SNI and the peer's name checked against its certificate
 * (endpoint identification "HTTPS"). The only class of this package that names {@code
 * javax.net.ssl}: the JVM loads the TLS stack when the first https origin is asked, never for plain
 * http.
 */
public final class HttpsLayer implements SocketLayer {
  private final SSLSocketFactory factory;

  public HttpsLayer(SSLContext context) {
    this.factory = context.getSocketFactory();
  }

  /**
   * The JVM's default context (its trust store, {@code javax.net.ssl.*} properties), built on first
   * use: reading cacerts costs ~0.3 s and ~430 classes.
   */
  public static SocketLayer systemDefault() {
    try {
      return new HttpsLayer(SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS context: " + e.getMessage(), e);
    }
  }

  @Override
  public Socket wrap(Socket plain, String hostName, int port) throws IOException {
    SSLSocket socket = (SSLSocket) factory.createSocket(plain, hostName, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    if (!isAddress(hostName)) {
      // The JDK sends SNI by itself only for names with a dot; "registry" on a private network
      // or "localhost" needs it as much (a proxy in front picks the certificate by it).
      parameters.setServerNames(List.of(new SNIHostName(hostName)));
    }
    // Off by default for raw SSLSockets: without it any certificate of a trusted CA would do.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** An IP literal, which SNI must not carry (RFC 6066). */
  private static boolean isAddress(String hostName) {
    return hostName.indexOf(':') >= 0 || hostName.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  @Override
  public String silentFailureHint() {
    return "";
  }
}
