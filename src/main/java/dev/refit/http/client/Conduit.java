package dev.refit.http.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * One open byte stream to a peer, whatever carries it (a unix socket channel, a tcp socket, a
 * TLS socket). Reads and writes block at most the current timeout between two pieces of progress.
 */
public interface Conduit extends Closeable {

  /** Reads at least one byte, or returns -1 at the end of the stream. */
  int read(byte[] buffer, int offset, int length) throws IOException;

  void write(byte[] bytes) throws IOException;

  /** How long one read or write may wait without progress; {@link Duration#ZERO} waits forever. */
  void timeout(Duration timeout) throws IOException;

  /**
   * Whether an idle connection is unusable: the peer closed it or sent something nobody asked for.
   * Best effort (must not block); a stale connection that passes is caught by the retry.
   */
  boolean stale();

  @Override
  void close();

  /**
   * A timeout in whole milliseconds for the JDK's APIs, where 0 means forever: {@link
   * Duration#ZERO} stays 0, anything shorter than a millisecond becomes 1, anything longer than
   * {@code int} can hold is capped.
   */
  static int millis(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("negative timeout " + timeout);
    }
    if (timeout.isZero()) {
      return 0;
    }
    long millis = timeout.toMillis();
    return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
  }
}
