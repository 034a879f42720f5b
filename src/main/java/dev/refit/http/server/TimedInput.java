package dev.refit.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input whose reads wait at most a per-read timeout or, when a deadline is set, until
 * that deadline: a client that trickles its head a byte at a time (slowloris) still runs out of
 * time, which a per-read timeout alone never does.
 */
final class TimedInput extends InputStream {
  private final Socket socket;
  private final InputStream in;
  private int perRead;
  private long deadline;

  TimedInput(Socket socket, InputStream in) {
    this.socket = socket;
    this.in = in;
  }

  /** Each read waits up to {@code millis} (0: for ever); no deadline. */
  void perRead(int millis) {
    perRead = millis;
    deadline = 0;
  }

  /** Every read from now on must be done within {@code millis} in total. */
  void deadline(long millis) {
    deadline = System.nanoTime() + millis * 1_000_000L;
  }

  private void arm() throws IOException {
    if (deadline == 0) {
      socket.setSoTimeout(perRead);
      return;
    }
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw new SocketTimeoutException("the request head took too long");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int read() throws IOException {
    arm();
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    arm();
    return in.read(b, off, len);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
