package dev.refit.http.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An answer's body as it comes off the connection, decoded from its framing. The connection goes
 * back to its pool once the body was read to its end, whether or not the reader closes it (many
 * read to -1 and forget); closed before the end, or broken, it is dropped.
 */
abstract class Body extends InputStream {

  /** Where a connection goes after its answer. */
  interface Release {
    void release(Connection connection, boolean reusable);
  }

  final Connection connection;
  private final Release release;
  private final boolean keepAlive;
  private final String request;
  // Set once, by the reader or by another thread closing the body to stop a stream.
  private final AtomicBoolean released = new AtomicBoolean();
  private final byte[] one = new byte[1];

  Body(Connection connection, Release release, boolean keepAlive, String request) {
    this.connection = connection;
    this.release = release;
    this.keepAlive = keepAlive;
    this.request = request;
  }

  /** Reads the next bytes of the body; -1 at its end. */
  abstract int readBody(byte[] target, int offset, int length) throws IOException;

  @Override
  public final int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] target, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, target.length);
    if (released.get()) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int n;
    try {
      n = readBody(target, offset, length);
    } catch (IOException e) {
      if (released.compareAndSet(false, true)) {
        release.release(connection, false);
      }
      throw Exchanger.named(request, e, "");
    }
    if (n < 0 && released.compareAndSet(false, true)) {
      release.release(connection, keepAlive);
    }
    return n;
  }

  /**
   * Drops the connection unless the body was read to its end. Safe from another thread: a read
   * blocked in this body then ends with an IOException.
   */
  @Override
  public final void close() {
    if (released.compareAndSet(false, true)) {
      // Unread bytes would be taken for the next answer's head: drop the connection instead.
      release.release(connection, false);
    }
  }

  /** {@code Content-Length}. */
  static final class Fixed extends Body {
    private long remaining;

    Fixed(Connection connection, Release release, boolean keepAlive, String request, long length) {
      super(connection, release, keepAlive, request);
      this.remaining = length;
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = connection.read(target, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException(
            "the answer ended " + remaining + " bytes short of its Content-Length");
      }
      remaining -= n;
      return n;
    }
  }

  /** {@code Transfer-Encoding: chunked}: what engines send for streams, registries for big lists. */
  static final class Chunked extends Body {
    private long chunkRemaining;
    private boolean afterChunk;
    private boolean done;

    Chunked(Connection connection, Release release, boolean keepAlive, String request) {
      super(connection, release, keepAlive, request);
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
      if (done) {
        return -1;
      }
      if (chunkRemaining == 0) {
        if (afterChunk && !connection.readLine().isEmpty()) {
          throw new IOException("a chunk of the answer does not end in CR LF");
        }
        chunkRemaining = chunkSize(connection.readLine());
        afterChunk = true;
        if (chunkRemaining == 0) {
          while (!connection.readLine().isEmpty()) {
            // trailers: nothing here would read them
          }
          done = true;
          return -1;
        }
      }
      int n = connection.read(target, offset, (int) Math.min(length, chunkRemaining));
      if (n < 0) {
        throw new EOFException("the connection ended in the middle of a chunk");
      }
      chunkRemaining -= n;
      return n;
    }

    private static long chunkSize(String line) throws IOException {
      int end = line.indexOf(';');
      String hex = (end < 0 ? line : line.substring(0, end)).strip();
      try {
        long size = Long.parseLong(hex, 16);
        if (size < 0) {
          throw new NumberFormatException();
        }
        return size;
      } catch (NumberFormatException e) {
        throw new IOException(
            "bad chunk size \"" + (hex.length() > 20 ? hex.substring(0, 20) : hex) + "\"");
      }
    }
  }

  /** No length given: the body runs to the end of the connection, which cannot be reused. */
  static final class UntilEof extends Body {
    UntilEof(Connection connection, Release release, String request) {
      super(connection, release, false, request);
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
      return connection.read(target, offset, length);
    }
  }
}
