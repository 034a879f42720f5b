package dev.refit.http.server;

import dev.refit.http.websocket.Frame;
import dev.refit.http.websocket.FrameWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One upgraded WebSocket connection; {@link #send} and {@link #close} may be called from any thread. */
public final class WsSession {
  private final String id;
  private final Map<String, Object> attributes;
  private final String ip;
  private final Socket socket;
  private final FrameWriter writer;
  private volatile long closeSentAt;
  /** Writes begun and not yet done, and when the oldest of them began (or one last finished). */
  private final AtomicInteger writing = new AtomicInteger();
  private volatile long writingSince;

  WsSession(String id, Map<String, Object> attributes, String ip, Socket socket, FrameWriter writer) {
    this.id = id;
    this.attributes = Map.copyOf(attributes);
    this.ip = ip;
    this.socket = socket;
    this.writer = writer;
  }

  /** Unique among this server's sessions. */
  public String id() {
    return id;
  }

  /** An attribute the before-upgrade hook (or a filter) set on the handshake's request. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T attribute(String name) {
    return (T) attributes.get(name);
  }

  public String ip() {
    return ip;
  }

  /**
   * @throws UncheckedIOException the connection is gone or closing
   */
  public void send(String text) {
    if (closeSentAt != 0) {
      throw new UncheckedIOException(new IOException("the WebSocket is closing"));
    }
    write(Frame.text(text));
  }

  /**
   * Starts the closing handshake: the peer answers with its close frame and the connection ends
   * (or it ends anyway if the peer stays silent for a few seconds). A second call does nothing.
   */
  public void close(int code, String reason) {
    synchronized (this) {
      if (closeSentAt != 0) {
        return;
      }
      closeSentAt = System.nanoTime();
    }
    try {
      counted(Frame.close(code, reason));
    } catch (IOException e) {
      drop();
    }
  }

  /**
   * Whether a write has made no progress for {@code millis}: the peer's connection is open but it
   * takes no data (a host frozen, a link gone without a reset). Writes block then, and every
   * sender behind them, so the reading thread drops such a session ({@link #drop}), which ends
   * the blocked writes with an error.
   */
  boolean writeStuck(long millis) {
    long since = writingSince;
    return writing.get() > 0 && System.nanoTime() - since > millis * 1_000_000L;
  }

  boolean closeSent() {
    return closeSentAt != 0;
  }

  /** Whether the peer had {@code millis} to answer our close frame and did not. */
  boolean closeOverdue(long millis) {
    long sent = closeSentAt;
    return sent != 0 && System.nanoTime() - sent > millis * 1_000_000L;
  }

  void write(Frame frame) {
    try {
      counted(frame);
    } catch (IOException e) {
      drop();
      throw new UncheckedIOException(e);
    }
  }

  private void counted(Frame frame) throws IOException {
    if (writing.getAndIncrement() == 0) {
      writingSince = System.nanoTime();
    }
    try {
      writer.write(frame);
    } finally {
      // a finished write is progress: the clock starts again for the ones still waiting
      writingSince = System.nanoTime();
      writing.decrementAndGet();
    }
  }

  void drop() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
