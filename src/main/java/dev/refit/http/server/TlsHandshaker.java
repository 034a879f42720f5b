package dev.refit.http.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS: each accepted socket is wrapped in a server-side TLS socket from the context the
 * supplier gives now (so a reloaded certificate serves new connections, open ones keep theirs),
 * and the handshake is done at once with a deadline, in the connection's thread.
 */
public final class TlsHandshaker implements Handshaker {
  private final Supplier<SSLContext> contexts;
  private final Duration timeout;

  public TlsHandshaker(Supplier<SSLContext> contexts, Duration timeout) {
    this.contexts = contexts;
    this.timeout = timeout;
  }

  @Override
  public Socket open(Socket accepted) throws IOException {
    SSLSocket tls =
        (SSLSocket) contexts.get().getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
    tls.setUseClientMode(false);
    tls.setSoTimeout((int) timeout.toMillis());
    tls.startHandshake();
    return tls;
  }

  @Override
  public String scheme() {
    return "https";
  }
}
