package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that accepts every connection and never answers: a registry that hangs
 * (a stuck proxy, a full backend). Counts the connections it accepted, so a test can assert how
 * often a client tried without measuring wall time.
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private SilentServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptForever, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static SilentServer start() {
    try {
      return new SilentServer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  /** {@code 127.0.0.1:<port>}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void acceptForever() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        accepted.add(s); // kept open, never read, never written
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    } catch (IOException ignored) {
      // closing a socket that already went away changes nothing
    }
  }
}
