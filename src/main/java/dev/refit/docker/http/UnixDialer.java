package dev.refit.docker.http;

import dev.refit.http.client.Conduit;
import dev.refit.http.client.Dialer;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** {@code unix:///path}: the engine's local socket. */
record UnixDialer(String host, Path socket) implements Dialer {

  /**
   * The engine ignores the host of a request on its socket, but HTTP/1.1 wants one: "docker" is
   * what Docker's own clients send.
   */
  @Override
  public String hostHeader() {
    return "docker";
  }

  @Override
  public Conduit open(Duration connectTimeout) throws IOException {
    return ChannelConduit.connectUnix(UnixDomainSocketAddress.of(socket), connectTimeout);
  }
}
