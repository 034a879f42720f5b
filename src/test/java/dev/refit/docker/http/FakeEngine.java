package dev.refit.docker.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

/**
 * A tiny stand-in for the Docker Engine on a unix socket or loopback tcp: it parses requests
 * (Content-Length bodies only, as EngineHttp sends them) and lets each test write the raw answer,
 * so framing, keep-alive and misbehaviour are the test's to choose. One thread per connection.
 */
final class FakeEngine implements Closeable {

  /** One request as received; {@code connection} counts connections from 1. */
  record Request(
      String method, String target, Map<String, String> headers, byte[] body, int connection) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the raw answer; returning false closes the connection afterwards. */
  interface Handler {
    boolean answer(Request request, OutputStream out) throws Exception;
  }

  private final ServerSocketChannel server;
  private final String host;
  private final Handler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private FakeEngine(ServerSocketChannel server, String host, Handler handler) {
    this.server = server;
    this.host = host;
    this.handler = handler;
    this.acceptor = new Thread(this::accept, "fake-engine-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static FakeEngine unix(Path socket, Handler handler) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return new FakeEngine(server, "unix://" + socket, handler);
  }

  static FakeEngine tcp(Handler handler) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    return new FakeEngine(server, "tcp://127.0.0.1:" + port, handler);
  }

  /** A handler answering every request 200 with {@code body} and a Content-Length. */
  static Handler fixed(String body) {
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

  String host() {
    return host;
  }

  int connections() {
    return connections.get();
  }

  List<Request> requests() {
    return requests;
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        open.add(channel);
        int number = connections.incrementAndGet();
        Thread thread = new Thread(() -> serve(channel, number), "fake-engine-" + number);
        thread.setDaemon(true);
        thread.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel channel, int number) {
    try (channel) {
      InputStream in = Channels.newInputStream(channel);
      OutputStream out = Channels.newOutputStream(channel);
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
      }
    } catch (Exception e) {
      // the client went away, or the test closed the engine
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
    server.close();
    for (SocketChannel channel : open) {
      channel.close();
    }
  }
}
