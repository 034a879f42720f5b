package dev.refit.docker.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** {@code tcp://host:port}, plain or with a {@link SocketLayer} (TLS) on top. */
record TcpDialer(String host, String hostName, int port, @Nullable SocketLayer layer)
    implements Dialer {

  @Override
  public String hostHeader() {
    return (hostName.indexOf(':') >= 0 ? "[" + hostName + "]" : hostName) + ":" + port;
  }

  @Override
  public String silentFailureHint() {
    return layer == null ? "" : layer.silentFailureHint();
  }

  @Override
  public Conduit open(Duration connectTimeout) throws IOException {
    Socket socket = new Socket();
    try {
      // Requests go out as one write each; Nagle would only hold the next one back.
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(hostName, port), Conduit.millis(connectTimeout));
      if (layer == null) {
        return new SocketConduit(socket);
      }
      socket.setSoTimeout(Conduit.millis(connectTimeout));
      return new SocketConduit(layer.wrap(socket, hostName, port));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
