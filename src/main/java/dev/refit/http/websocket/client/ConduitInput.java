package dev.refit.http.websocket.client;

import dev.refit.http.client.Conduit;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's bytes with a buffer in front: the upgrade answer's head is read line by line
 * from it, and the frames that may follow the head in the same read stay in it for the frame
 * reader. While a deadline is set every read waits at most what is left of it.
 */
final class ConduitInput extends InputStream {
  private static final int MAX_LINE = 8 * 1024;

  private final Conduit conduit;
  private final byte[] buffer = new byte[8 * 1024];
  private int position;
  private int limit;
  /** {@link System#nanoTime()} by which the head must have come, or 0 for none. */
  private long deadline;
  private String late = "";

  ConduitInput(Conduit conduit) {
    this.conduit = conduit;
  }

  /**
   * Bounds every later read by {@code nanoTime} (0: no bound, the conduit's timeout set to wait
   * forever), failing with {@code late} as the message once it passed.
   */
  void deadline(long nanoTime, String late) throws IOException {
    this.deadline = nanoTime;
    this.late = late;
    if (nanoTime == 0) {
      conduit.timeout(Duration.ZERO);
    }
  }

  /** A line of the head without its CR LF, as ISO-8859-1. */
  String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = read(); b != '\n'; b = read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection before answering the upgrade");
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a line of the server's answer is longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  @Override
  public int read() throws IOException {
    if (position == limit && fill() < 0) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == limit && fill() < 0) {
      return -1;
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(buffer, position, target, offset, n);
    position += n;
    return n;
  }

  private int fill() throws IOException {
    if (deadline != 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException(late);
      }
      conduit.timeout(Duration.ofNanos(left));
    }
    int n;
    try {
      n = conduit.read(buffer, 0, buffer.length);
    } catch (SocketTimeoutException e) {
      throw deadline == 0 ? e : new SocketTimeoutException(late);
    }
    position = 0;
    limit = Math.max(n, 0);
    return n;
  }
}
