package dev.refit.http.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request line and its header fields within limits: a line over {@code maxLine} is a
 * 414, all fields together over {@code maxHead} a 431, anything malformed a 400.
 */
final class HeadReader {
  private final int maxLine;
  private final int maxHead;

  HeadReader(int maxLine, int maxHead) {
    this.maxLine = maxLine;
    this.maxHead = maxHead;
  }

  /**
   * @param first the head's first byte, already read
   */
  RequestHead read(int first, InputStream in) throws IOException, Refusal {
    int b = first;
    // RFC 9112 2.2: empty lines before a request line are ignored
    while (b == '\r' || b == '\n') {
      b = in.read();
      if (b < 0) {
        throw new EOFException("the client closed the connection");
      }
    }
    String line = line(b, in, maxLine, 414, "uri too long");
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")) {
      throw new Refusal(400, "bad request: malformed request line");
    }
    String version = parts[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new Refusal(505, "http version not supported: " + version);
    }
    for (int i = 0; i < parts[0].length(); i++) {
      char c = parts[0].charAt(i);
      if (c < 'A' || c > 'Z') {
        throw new Refusal(400, "bad request: malformed method");
      }
    }
    Headers headers = new Headers();
    int budget = maxHead;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the client closed the connection inside a request head");
      }
      String field = line(c, in, budget, 431, "request header fields too large");
      if (field.isEmpty()) {
        break;
      }
      budget -= field.length() + 2;
      int colon = field.indexOf(':');
      if (colon <= 0 || field.charAt(0) == ' ' || field.charAt(0) == '\t' || field.charAt(colon - 1) == ' ') {
        throw new Refusal(400, "bad request: malformed header field");
      }
      headers.add(field.substring(0, colon), field.substring(colon + 1).trim());
    }
    if (!version.equals("HTTP/1.0") && headers.count("Host") != 1) {
      throw new Refusal(400, "bad request: an HTTP/1.1 request needs one Host header");
    }
    String target = parts[1];
    int q = target.indexOf('?');
    @Nullable String query = q < 0 ? null : target.substring(q + 1);
    String path = q < 0 ? target : target.substring(0, q);
    return new RequestHead(parts[0].toUpperCase(Locale.ROOT), path, query, version, headers);
  }

  /** One line without its CRLF (a bare LF is accepted), as ISO-8859-1 (RFC 9110 5.5). */
  private static String line(int first, InputStream in, int max, int status, String message)
      throws IOException, Refusal {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    int b = first;
    while (b != '\n') {
      if (b < 0) {
        throw new EOFException("the client closed the connection inside a request head");
      }
      if (bytes.size() >= max) {
        throw new Refusal(status, message);
      }
      bytes.write(b);
      b = in.read();
    }
    int n = bytes.size();
    byte[] raw = bytes.toByteArray();
    if (n > 0 && raw[n - 1] == '\r') {
      n--;
    }
    return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
  }
}
