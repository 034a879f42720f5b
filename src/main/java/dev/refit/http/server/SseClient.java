package dev.refit.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One open event stream ({@code text/event-stream}). The answer's head goes out with the first
 * event or comment; until then the handler may still answer otherwise ({@link #ctx()} and
 * {@link #close()}, e.g. a 401). The body runs until the connection closes, so no length or
 * chunking is needed. Events may be sent from any thread.
 */
public final class SseClient {
  private final Context ctx;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int keepAliveMillis;
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private boolean started;
  private volatile boolean closed;
  private final AtomicBoolean ended = new AtomicBoolean();

  SseClient(Context ctx, Socket socket, InputStream in, OutputStream out, int keepAliveMillis) {
    this.ctx = ctx;
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.keepAliveMillis = keepAliveMillis;
  }

  public Context ctx() {
    return ctx;
  }

  /**
   * @throws UncheckedIOException the stream is closed or the client went away (it is closed then)
   */
  public void sendEvent(String event, String data) {
    StringBuilder text = new StringBuilder("event: ").append(event).append('\n');
    for (String line : data.split("\n", -1)) {
      text.append("data: ").append(line).append('\n');
    }
    write(text.append('\n').toString());
  }

  /** A comment line: clients ignore it; it keeps proxies from timing the stream out. */
  public void sendComment(String comment) {
    write(": " + comment.replace("\n", " ") + "\n\n");
  }

  public void onClose(Runnable listener) {
    closeListeners.add(listener);
  }

  public boolean terminated() {
    return closed;
  }

  /**
   * Holds the stream open in the handler's thread until the client leaves or {@link #close()} is
   * called: it reads the connection (a client that leaves closes it) and sends a comment whenever
   * it stayed silent for the keep-alive time (a client gone without closing shows when it fails).
   */
  public void keepAlive() {
    try {
      write(null);
      while (!closed) {
        try {
          socket.setSoTimeout(keepAliveMillis);
          if (in.read() < 0) {
            break;
          }
        } catch (SocketTimeoutException silent) {
          sendComment("keep-alive");
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException gone) {
      // the client left, or close() closed the socket under this read
    }
    terminate();
  }

  /** Ends the stream (closes the connection once the answer has begun). */
  public void close() {
    boolean begun;
    synchronized (this) {
      begun = started;
    }
    if (begun) {
      terminate();
    } else {
      closed = true;
    }
  }

  boolean started() {
    synchronized (this) {
      return started;
    }
  }

  private synchronized void write(@Nullable String text) {
    if (closed) {
      throw new IllegalStateException("the event stream is closed");
    }
    try {
      if (!started) {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        ctx.answerHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ctx.answerHeaders().set("Cache-Control", "no-cache");
        ctx.answerHeaders().set("X-Accel-Buffering", "no");
        ctx.answerHeaders().set("Connection", "close");
        ctx.answerHeaders().writeTo(head);
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        started = true;
      }
      if (text != null) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    } catch (IOException e) {
      closed = true;
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  private void terminate() {
    closed = true;
    closeQuietly();
    if (ended.compareAndSet(false, true)) {
      for (Runnable listener : closeListeners) {
        listener.run();
      }
      closeListeners.clear();
    }
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
