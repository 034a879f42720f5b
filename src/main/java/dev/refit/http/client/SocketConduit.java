package dev.refit.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/** A tcp socket, plain or TLS: {@code SO_TIMEOUT} bounds reads. */
final class SocketConduit implements Conduit {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  SocketConduit(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return in.read(buffer, offset, length);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public void timeout(Duration timeout) throws IOException {
    socket.setSoTimeout(Conduit.millis(timeout));
  }

  @Override
  public boolean stale() {
    try {
      // available() does not block; a TLS socket answers 0 unless a record was already read.
      return socket.isClosed() || socket.isInputShutdown() || in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // a connection being dropped has nothing left to say
    }
  }
}
