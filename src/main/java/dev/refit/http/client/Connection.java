package dev.refit.http.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** One connection to a peer: a {@link Conduit} with a read buffer for the answer's head. */
final class Connection {
  // An answer's status line or one header longer than this is not from an engine or a registry.
  private static final int MAX_LINE = 64 * 1024;

  private final Conduit conduit;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private long received;
  private long idleSince;
  // For the answer being read: System.nanoTime() by which it must be whole, or 0 for none.
  private long deadline;
  private long readTimeoutNanos;

  Connection(Conduit conduit) {
    this.conduit = conduit;
  }

  void timeout(Duration timeout) throws IOException {
    conduit.timeout(timeout);
    readTimeoutNanos = timeout.toNanos();
  }

  /**
   * Bounds the whole answer, head and body, by {@code deadline} ({@link System#nanoTime()}; 0 for
   * none): every read then waits at most what is left, so a peer that sends its head and stalls the
   * body, or trickles it a byte at a time, times out too.
   */
  void deadline(long deadline) {
    this.deadline = deadline;
  }

  private void beforeRead() throws IOException {
    if (deadline == 0) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("no whole answer in time");
    }
    conduit.timeout(
        Duration.ofNanos(readTimeoutNanos == 0 ? left : Math.min(left, readTimeoutNanos)));
  }

  void write(byte[] bytes) throws IOException {
    conduit.write(bytes);
  }

  /** Bytes received since the last {@link #write}; 0 means the peer has not begun answering. */
  long received() {
    return received;
  }

  void startRequest() {
    received = 0;
    deadline = 0;
  }

  /** A line without its CR LF, read as ISO-8859-1 (HTTP's header charset). */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      if (position == limit && fill() < 0) {
        throw new EOFException("the connection ended in the middle of the answer's head");
      }
      int b = buffer[position++] & 0xff;
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a line of the answer's head is longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  /** As {@link java.io.InputStream#read(byte[], int, int)}, from the buffer first. */
  int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position < limit) {
      int n = Math.min(length, limit - position);
      System.arraycopy(buffer, position, target, offset, n);
      position += n;
      return n;
    }
    if (length >= buffer.length) {
      // Large reads (a big answer streamed) skip the copy through the buffer.
      beforeRead();
      int n = conduit.read(target, offset, length);
      if (n > 0) {
        received += n;
      }
      return n;
    }
    if (fill() < 0) {
      return -1;
    }
    return read(target, offset, length);
  }

  private int fill() throws IOException {
    beforeRead();
    int n = conduit.read(buffer, 0, buffer.length);
    position = 0;
    limit = Math.max(n, 0);
    if (n > 0) {
      received += n;
    }
    return n;
  }

  /** Whether bytes the peer sent wait unread here: an idle connection must have none. */
  boolean stale() {
    return position < limit || conduit.stale();
  }

  long idleSince() {
    return idleSince;
  }

  void idleSince(long nanos) {
    this.idleSince = nanos;
  }

  void close() {
    conduit.close();
  }
}
