package dev.refit.http.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A client on a raw socket: writes exactly the bytes a test gives and reads answers one by one. */
final class RawClient implements AutoCloseable {
  final Socket socket;
  final InputStream in;
  final OutputStream out;

  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  RawClient send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException("closed after: " + b);
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** One answer's status line and header fields. */
  Answer head() throws IOException {
    String status = line();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    return new Answer(Integer.parseInt(status.split(" ")[1]), headers, "");
  }

  /** One whole answer (a body by Content-Length). */
  Answer answer() throws IOException {
    Answer head = head();
    String length = head.header("Content-Length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    return new Answer(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection (reads to the end). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
