package dev.refit.http.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code host:port} over tcp, plain or with a {@link SocketLayer} (TLS) on top.
 *
 * @param host the peer as the user wrote it, for messages
 * @param hostName the name or address to connect to (an IPv6 literal without brackets)
 * @param hostHeader the {@code Host} header value
 */
public record TcpDialer(
    String host, String hostName, int port, @Nullable SocketLayer layer, String hostHeader)
    implements Dialer {

  /** With the port always in {@code Host}, as Docker's clients send it to an engine. */
  public TcpDialer(String host, String hostName, int port, @Nullable SocketLayer layer) {
    this(host, hostName, port, layer, authority(hostName, port, -1));
  }

  /**
   * {@code name:port}, the name in brackets when it is an IPv6 literal, the port left out when it
   * is {@code defaultPort} (what browsers and curl send for http on 80 and https on 443).
   */
  public static String authority(String hostName, int port, int defaultPort) {
    String name = hostName.indexOf(':') >= 0 ? "[" + hostName + "]" : hostName;
    return port == defaultPort ? name : name + ":" + port;
  }

  @Override
  public String silentFailureHint() {
    return layer == null ? "" : layer.silentFailureHint();
  }

  @Override
  public Conduit open(Duration connectTimeout) throws IOException {
    // A channel's socket rather than a plain one: a thread blocked reading it ends when it is
    // interrupted (the channel closes), as a cycle being cancelled expects; a plain socket would
    // hold it until the timeout.
    Socket socket = SocketChannel.open().socket();
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
