package dev.refit.http.websocket.client;

import dev.refit.http.websocket.Handshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;

/**
 * A WebSocket server played by hand on loopback (plain or TLS): each connection runs the test's
 * script over the raw streams, so a test can send what Refit's own server never would.
 */
final class RawPeer implements AutoCloseable {

  interface Script {
    void run(Socket socket, InputStream in, OutputStream out) throws Exception;
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();

  RawPeer(Script script) throws IOException {
    this(ServerSocketFactory.getDefault(), script);
  }

  RawPeer(ServerSocketFactory factory, Script script) throws IOException {
    server = factory.createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  sockets.add(socket);
                  Thread t = new Thread(() -> serve(script, socket), "raw-peer");
                  t.setDaemon(true);
                  t.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "raw-peer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(Script script, Socket socket) {
    try {
      script.run(socket, socket.getInputStream(), socket.getOutputStream());
    } catch (Exception e) {
      failures.add(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** The request head: the request line under "", header names in lower case. */
  static Map<String, String> readHead(InputStream in) throws IOException {
    Map<String, String> head = new TreeMap<>();
    head.put("", line(in));
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      head.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return head;
  }

  /** Reads the upgrade request and switches, as a server should; returns the request head. */
  static Map<String, String> upgrade(InputStream in, OutputStream out) throws IOException {
    Map<String, String> head = readHead(in);
    answer(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + Handshake.accept(head.get("sec-websocket-key")) + "\r\n\r\n");
    return head;
  }

  static void answer(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the client closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
