package dev.refit.http.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A tiny HTTP peer (a stand-in for the Docker Engine or a registry) on a unix socket, loopback tcp,
 * or TLS: it parses requests (Content-Length bodies only, as the client sends them) and lets each
 * test write the raw answer, so framing, keep-alive and misbehaviour are the test's to choose. One
 * thread per connection.
 */
public final class FakePeer implements Closeable {

  /** One request as received; {@code connection} counts connections from 1. */
  public record Request(
      String method, String target, Map<String, String> headers, byte[] body, int connection) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the raw answer; returning false closes the connection afterwards. */
  public interface Handler {
    boolean answer(Request request, OutputStream out) throws Exception;
  }

  /** Where connections come from: a channel (unix, tcp) or a server socket (tcp, TLS). */
  private interface Listener extends Closeable {
    /** The next connection's streams, or null once closed. */
    Accepted accept() throws IOException;
  }

  private record Accepted(InputStream in, OutputStream out, Closeable connection) {}

  private final Listener listener;
  private final String host;
  private final int port;
  private final Handler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Closeable> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private FakePeer(Listener listener, String host, int port, Handler handler) {
    this.listener = listener;
    this.host = host;
    this.port = port;
    this.handler = handler;
    this.acceptor = new Thread(this::accept, "fake-peer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static FakePeer unix(Path socket, Handler handler) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return new FakePeer(channels(server), "unix://" + socket, -1, handler);
  }

  public static FakePeer tcp(Handler handler) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    return new FakePeer(channels(server), "tcp://127.0.0.1:" + port, port, handler);
  }

  /**
   * On {@code address} (127.0.0.1, ::1) through {@code sockets}: {@code
   * sslContext.getServerSocketFactory()} for TLS.
   */
  public static FakePeer sockets(ServerSocketFactory sockets, InetAddress address, Handler handler)
      throws IOException {
    ServerSocket server = sockets.createServerSocket(0, 50, address);
    Listener listener =
        new Listener() {
          @Override
          public Accepted accept() throws IOException {
            Socket socket = server.accept();
            return new Accepted(socket.getInputStream(), socket.getOutputStream(), socket);
          }

          @Override
          public void close() throws IOException {
            server.close();
          }
        };
    return new FakePeer(listener, "tcp://" + address.getHostAddress(), server.getLocalPort(), handler);
  }

  private static Listener channels(ServerSocketChannel server) {
    return new Listener() {
      @Override
      public Accepted accept() throws IOException {
        SocketChannel channel = server.accept();
        return new Accepted(
            Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
      }

      @Override
      public void close() throws IOException {
        server.close();
      }
    };
  }

  /** A handler answering every request 200 with {@code body} and a Content-Length. */
  public static Handler fixed(String body) {
    return (request, out) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      return true;
    };
  }

  /** As Docker writes it: {@code unix:///path} or {@code tcp://127.0.0.1:port}. */
  public String host() {
    return host;
  }

  /** The tcp port, -1 on a unix socket. */
  public int port() {
    return port;
  }

  public int connections() {
    return connections.get();
  }

  public List<Request> requests() {
    return requests;
  }

  private void accept() {
    while (true) {
      try {
        Accepted accepted = listener.accept();
        open.add(accepted.connection());
        int number = connections.incrementAndGet();
        Thread thread = new Thread(() -> serve(accepted, number), "fake-peer-" + number);
        thread.setDaemon(true);
        thread.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Accepted accepted, int number) {
    try (Closeable connection = accepted.connection()) {
      InputStream in = accepted.in();
      OutputStream out = accepted.out();
      while (true) {
        String requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
          int colon = line.indexOf(':');
          headers.put(
              line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String[] parts = requestLine.split(" ");
        Request request = new Request(parts[0], parts[1], headers, body, number);
        requests.add(request);
        if (!handler.answer(request, out)) {
          return;
        }
        out.flush();
      }
    } catch (Exception e) {
      // the client went away, or the test closed the peer
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return null;
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Closeable connection : open) {
      connection.close();
    }
  }
}
