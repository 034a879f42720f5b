package dev.refit.http.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
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
   * The dialer for an absolute URI of scheme {@code plain} or {@code secure} (http and https, ws
   * and wss): its host in lower case (an IPv6 literal without brackets), its port or the scheme's
   * default (80, 443), {@code Host} without a default port, and {@link #host()} {@code
   * scheme://authority}, the origin. {@code tls} is asked for the secure scheme only.
   *
   * @throws IllegalArgumentException another scheme, or no host
   */
  public static TcpDialer forUri(URI uri, String plain, String secure, Supplier<SocketLayer> tls) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tlsScheme = scheme.equals(secure);
    if (!tlsScheme && !scheme.equals(plain)) {
      throw new IllegalArgumentException("not a " + plain + ":// or " + secure + ":// URI: " + uri);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int defaultPort = tlsScheme ? 443 : 80;
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    String hostName = host.toLowerCase(Locale.ROOT);
    String authority = authority(hostName, port, defaultPort);
    return new TcpDialer(scheme + "://" + authority, hostName, port, tlsScheme ? tls.get() : null, authority);
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
