package dev.refit.http.websocket.client;

import dev.refit.http.client.Conduit;
import dev.refit.http.websocket.CloseCodes;
import dev.refit.http.websocket.Frame;
import dev.refit.http.websocket.FrameReader;
import dev.refit.http.websocket.FrameWriter;
import dev.refit.http.websocket.MessageAssembler;
import dev.refit.http.websocket.WebSocketException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One open WebSocket to a server. Frames go out masked (RFC 6455 5.3), one at a time whatever the
 * thread, each bounded by the write timeout: a server that takes no data loses the connection and
 * the blocked sender gets an error instead of waiting forever. A daemon reader thread, started by
 * {@link #start}, joins fragmented text messages, answers pings and the server's close, and tells
 * the listener.
 */
public final class WebSocketConnection {
  /** How long the server has to answer our close frame before the socket is closed anyway. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final Conduit conduit;
  private final FrameReader reader;
  private final MessageAssembler messages;
  private final FrameWriter writer;
  private final ScheduledExecutorService timer;
  private final Duration writeTimeout;
  private final Duration closeWait;
  private final Object writeLock = new Object();
  /** Set once our close frame went (or was due): nothing more is sent after it. */
  private volatile boolean outputClosed;
  private volatile boolean aborted;
  /** Why the timer closed the socket, told instead of the error the reader then meets. */
  private volatile @Nullable IOException stall;

  /** @param closeWait how long the server has to answer our close frame ({@link #CLOSE_WAIT}) */
  WebSocketConnection(
      Conduit conduit,
      ConduitInput in,
      ScheduledExecutorService timer,
      Duration writeTimeout,
      Duration closeWait,
      int maxMessage) {
    this.conduit = conduit;
    this.reader = new FrameReader(in, false, maxMessage);
    this.messages = new MessageAssembler(maxMessage);
    this.writer = new FrameWriter(new ConduitOutput(conduit), true);
    this.timer = timer;
    this.writeTimeout = writeTimeout;
    this.closeWait = closeWait;
  }

  /** Starts the reader thread, named {@code threadName}, telling {@code listener}. */
  public void start(WebSocketListener listener, String threadName) {
    Thread thread = new Thread(() -> read(listener), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Sends one text message.
   *
   * @throws IOException the connection is closing or gone, or the frame did not go out within the
   *     write timeout (the connection is then closed)
   */
  public void send(String text) throws IOException {
    write(Frame.text(text));
  }

  /** Sends an empty ping; the pong comes to {@link WebSocketListener#onPong}. */
  public void ping() throws IOException {
    write(new Frame(true, Frame.PING, new byte[0]));
  }

  /**
   * Starts the closing handshake: our close frame goes, the server answers with its own and the
   * reader thread ends; a server that stays silent loses the socket after a few seconds. Later
   * sends fail. A second call does nothing.
   */
  public void close(int code, String reason) throws IOException {
    synchronized (writeLock) {
      if (outputClosed) {
        return;
      }
      guarded(Frame.close(code, reason));
      outputClosed = true;
    }
    ScheduledFuture<?> unused = timer.schedule(this::closeOverdue, closeWait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes the socket once the server had its time to answer our close frame (harmless after). */
  private void closeOverdue() {
    stall = new IOException("no answer to the close frame within " + shown(closeWait));
    conduit.close();
  }

  /** Closes the socket at once; the listener is told nothing more. */
  public void abort() {
    aborted = true;
    outputClosed = true;
    conduit.close();
  }

  /** Whether frames may still be sent: no close frame went and the socket was not closed. */
  public boolean isOpen() {
    return !outputClosed;
  }

  private void write(Frame frame) throws IOException {
    synchronized (writeLock) {
      if (outputClosed) {
        throw new IOException("the WebSocket is closed");
      }
      guarded(frame);
    }
  }

  /** Writes one frame, the socket closed by the timer if it takes longer than the write timeout. */
  private void guarded(Frame frame) throws IOException {
    ScheduledFuture<?> guard = timer.schedule(this::stalled, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      writer.write(frame);
    } catch (IOException e) {
      outputClosed = true;
      conduit.close();
      IOException why = stall;
      throw why != null ? why : e;
    } finally {
      guard.cancel(false);
    }
  }

  private void stalled() {
    stall = new IOException("the server took no data for " + shown(writeTimeout));
    outputClosed = true;
    conduit.close();
  }

  private void read(WebSocketListener listener) {
    try {
      while (true) {
        Frame frame = reader.read();
        switch (frame.opcode()) {
          case Frame.PING -> pong(frame);
          case Frame.PONG -> listener.onPong();
          case Frame.CLOSE -> {
            answerClose(frame);
            conduit.close();
            if (!aborted) {
              listener.onClose(frame.closeCode(), frame.closeReason());
            }
            return;
          }
          default -> {
            String text = messages.add(frame);
            if (text != null) {
              listener.onText(text);
            }
          }
        }
      }
    } catch (WebSocketException e) {
      // the server broke the protocol or sent too much: say why, as RFC 6455 7.1.7 asks
      quietClose(e.code(), String.valueOf(e.getMessage()));
      end(listener, e);
    } catch (IOException e) {
      end(listener, e);
    } catch (RuntimeException e) {
      quietClose(CloseCodes.SERVER_ERROR, "the client failed");
      end(listener, new IOException("the listener failed: " + e, e));
    }
  }

  private void pong(Frame ping) {
    if (outputClosed) {
      return;
    }
    try {
      write(new Frame(true, Frame.PONG, ping.payload()));
    } catch (IOException e) {
      // the reader meets the closed socket next and tells the listener
    }
  }

  /** Echoes the server's close code (RFC 6455 5.5.1), unless ours went first. */
  private void answerClose(Frame close) {
    synchronized (writeLock) {
      if (outputClosed) {
        return;
      }
      outputClosed = true;
      try {
        int code = close.closeCode();
        guarded(code == CloseCodes.NO_STATUS ? new Frame(true, Frame.CLOSE, new byte[0]) : Frame.close(code, ""));
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void quietClose(int code, String reason) {
    try {
      close(code, reason);
    } catch (IOException e) {
      // the socket closes below
    }
  }

  private void end(WebSocketListener listener, IOException failure) {
    outputClosed = true;
    conduit.close();
    if (!aborted) {
      IOException why = stall;
      listener.onError(why != null ? why : failure);
    }
  }

  /** {@code 10 s}, or {@code 400 ms} for what is not whole seconds (tests use short ones). */
  static String shown(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  /** Frames out through the conduit: each one is a single write. */
  private static final class ConduitOutput extends OutputStream {
    private final Conduit conduit;

    ConduitOutput(Conduit conduit) {
      this.conduit = conduit;
    }

    @Override
    public void write(int b) throws IOException {
      conduit.write(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      conduit.write(offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }
  }
}
