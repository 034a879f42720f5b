package dev.refit.http.client;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
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
    // With the host name (not an address) the JDK sends it as SNI.
    SSLSocket socket = (SSLSocket) factory.createSocket(plain, hostName, port, true);
    SSLParameters parameters = socket.getSSLParameters();
    // Off by default for raw SSLSockets: without it any certificate of a trusted CA would do.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  @Override
  public String silentFailureHint() {
    return "";
  }
}
