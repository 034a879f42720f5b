package dev.refit.http.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body, by {@code Content-Length} or chunked, read whole up to a cap. A declared length
 * over the cap is refused before a byte of it is read; a chunked body as soon as it passes the cap.
 */
final class BodyReader {
  private final int max;

  BodyReader(int max) {
    this.max = max;
  }

  /** Bytes the head announces: -1 for chunked, else the length (0 without a body). */
  static long declared(RequestHead head) throws Refusal {
    Headers h = head.headers();
    String te = h.first("Transfer-Encoding");
    String cl = h.first("Content-Length");
    if (te != null) {
      if (cl != null) {
        // RFC 9112 6.1: both is a smuggling attempt or a broken proxy
        throw new Refusal(400, "bad request: both Transfer-Encoding and Content-Length");
      }
      if (!te.trim().equalsIgnoreCase("chunked")) {
        throw new Refusal(501, "transfer encoding not implemented: " + te);
      }
      return -1;
    }
    if (cl == null) {
      return 0;
    }
    if (h.count("Content-Length") > 1 || cl.isEmpty() || cl.length() > 18 || !cl.chars().allMatch(Character::isDigit)) {
      throw new Refusal(400, "bad request: invalid Content-Length");
    }
    return Long.parseLong(cl);
  }

  String tooLarge() {
    return "the request body is larger than " + max + " bytes";
  }

  byte[] read(long declared, InputStream in) throws IOException, Refusal {
    if (declared > max) {
      throw new Refusal(413, tooLarge());
    }
    if (declared >= 0) {
      byte[] body = in.readNBytes((int) declared);
      if (body.length != declared) {
        throw new EOFException("the client closed the connection inside the body");
      }
      return body;
    }
    return chunked(in);
  }

  private byte[] chunked(InputStream in) throws IOException, Refusal {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).trim();
      long n;
      try {
        n = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new Refusal(400, "bad request: invalid chunk size");
      }
      if (n == 0) {
        // trailer fields, if any, up to the empty line
        while (!line(in).isEmpty()) {
          // ignored
        }
        return body.toByteArray();
      }
      if (body.size() + n > max) {
        throw new Refusal(413, tooLarge());
      }
      byte[] chunk = in.readNBytes((int) n);
      if (chunk.length != n) {
        throw new EOFException("the client closed the connection inside a chunk");
      }
      body.writeBytes(chunk);
      if (!line(in).isEmpty()) {
        throw new Refusal(400, "bad request: a chunk longer than its size");
      }
    }
  }

  private static String line(InputStream in) throws IOException, Refusal {
    StringBuilder s = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("the client closed the connection inside a chunked body");
      }
      if (s.length() > 4096) {
        throw new Refusal(400, "bad request: a chunk line too long");
      }
      s.append((char) b);
    }
    int n = s.length();
    return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
  }
}
