package dev.refit.http.client;

import java.io.IOException;
import java.net.Socket;

/**
 * What goes on top of a connected tcp socket (TLS). An interface so that the tcp code names no
 * {@code javax.net.ssl} class: the JVM loads those only when a peer is reached over TLS.
 */
public interface SocketLayer {

  /** Wraps the connected socket, handshake done; closes nothing on failure. */
  Socket wrap(Socket plain, String hostName, int port) throws IOException;

  /** As {@link Dialer#silentFailureHint()}. */
  String silentFailureHint();
}
