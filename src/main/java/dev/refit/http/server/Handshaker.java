package dev.refit.http.server;

import java.io.IOException;
import java.net.Socket;

/**
 * What a freshly accepted socket goes through before HTTP is spoken on it, in the connection's
 * own thread: nothing for plain HTTP, a TLS handshake for HTTPS ({@link TlsHandshaker}). Kept
 * free of {@code javax.net.ssl} types so a plain server loads no TLS class.
 */
public interface Handshaker {
  Handshaker PLAIN =
      new Handshaker() {
        @Override
        public Socket open(Socket accepted) {
          return accepted;
        }

        @Override
        public String scheme() {
          return "http";
        }
      };

  /** The socket to speak HTTP on; a failed or slow handshake throws and the connection is dropped. */
  Socket open(Socket accepted) throws IOException;

  /** {@code http} or {@code https}. */
  String scheme();
}
