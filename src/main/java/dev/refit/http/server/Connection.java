package dev.refit.http.server;

import dev.refit.http.websocket.CloseCodes;
import dev.refit.http.websocket.Frame;
import dev.refit.http.websocket.FrameReader;
import dev.refit.http.websocket.FrameWriter;
import dev.refit.http.websocket.Handshake;
import dev.refit.http.websocket.MessageAssembler;
import dev.refit.http.websocket.WebSocketException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection, served in its own thread: requests one after another while the
 * client keeps it alive, then an event stream or a WebSocket if a request asks for one.
 */
final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  /**
   * How often an open WebSocket's thread wakes to look whether a close it sent went unanswered
   * (a thousand agents: a hundred wake-ups a second, nothing more while they are quiet).
   */
  private static final int WS_POLL_MILLIS = 10_000;
  private static final int WS_CLOSE_WAIT_MILLIS = 5_000;

  private final HttpServer server;
  private final Socket raw;
  private final ServerLimits limits;
  private final Dispatcher dispatcher;
  private final HeadReader heads;
  private final BodyReader bodies;
  private @Nullable WsSession session;

  Connection(HttpServer server, Socket raw, ServerLimits limits, Dispatcher dispatcher) {
    this.server = server;
    this.raw = raw;
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.heads = new HeadReader(limits.maxRequestLine(), limits.maxHead());
    this.bodies = new BodyReader(limits.maxBody());
  }

  /** The open WebSocket on this connection, if it was upgraded. */
  @Nullable WsSession session() {
    return session;
  }

  void serve(Handshaker handshaker) {
    Socket socket = raw;
    try {
      raw.setTcpNoDelay(true);
      socket = handshaker.open(raw);
      server.opened(this, socket);
      String ip = ((InetSocketAddress) raw.getRemoteSocketAddress()).getAddress().getHostAddress();
      TimedInput timed = new TimedInput(socket, socket.getInputStream());
      InputStream in = new BufferedInputStream(timed, 8192);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      boolean again = true;
      while (again && !server.stopping()) {
        again = exchange(socket, timed, in, out, ip, handshaker.scheme());
      }
    } catch (IOException | RuntimeException e) {
      // a client that left, a failed handshake, a timeout: nothing to answer any more
      LOG.debug("connection ended: {}", e.toString());
    } finally {
      try {
        socket.close();
        raw.close();
      } catch (IOException ignored) {
        // closed anyway
      }
    }
  }

  /** One request and its answer; whether the connection serves another. */
  private boolean exchange(Socket socket, TimedInput timed, InputStream in, OutputStream out, String ip, String scheme)
      throws IOException {
    timed.perRead((int) limits.idleTimeout().toMillis());
    int first;
    try {
      first = in.read();
    } catch (SocketTimeoutException idle) {
      return false;
    }
    if (first < 0) {
      return false;
    }
    timed.deadline(limits.headTimeout().toMillis());
    RequestHead head;
    byte[] body;
    try {
      try {
        head = heads.read(first, in);
      } catch (SocketTimeoutException slow) {
        refuse(socket, out, new Refusal(408, "request timeout: the request head took too long"));
        return false;
      }
      timed.perRead((int) limits.readTimeout().toMillis());
      long declared = BodyReader.declared(head);
      if (declared > limits.maxBody()) {
        throw new Refusal(413, bodies.tooLarge());
      }
      if (declared != 0 && head.headers().hasToken("Expect", "100-continue") && !head.http10()) {
        out.write(CONTINUE);
        out.flush();
      }
      body = bodies.read(declared, in);
    } catch (Refusal r) {
      refuse(socket, out, r);
      return false;
    }
    Context ctx = new Context(head, body, ip, scheme);
    Dispatcher.Next next = dispatcher.dispatch(ctx);
    if (next instanceof Dispatcher.Stream stream) {
      return stream(ctx, stream.handler(), socket, in, out, head);
    }
    if (next instanceof Dispatcher.Upgrade upgrade) {
      return upgrade(ctx, upgrade.listener(), socket, in, out);
    }
    boolean keep = head.keepAlive() && !server.stopping();
    write(ctx, out, head.method().equals("HEAD"), !keep);
    return keep;
  }

  private boolean stream(Context ctx, SseHandler handler, Socket socket, InputStream in, OutputStream out, RequestHead head)
      throws IOException {
    SseClient client = new SseClient(ctx, socket, in, out, (int) limits.sseKeepAlive().toMillis());
    server.streaming(client, true);
    try {
      handler.handle(client);
    } catch (Exception e) {
      if (client.started()) {
        LOG.debug("event stream {} ended: {}", ctx.path(), e.toString());
        return false;
      }
      dispatcher.map(e, ctx);
    } finally {
      server.streaming(client, false);
    }
    if (client.started()) {
      client.close();
      return false;
    }
    client.close();
    boolean keep = head.keepAlive() && !server.stopping();
    write(ctx, out, false, !keep);
    return keep;
  }

  private boolean upgrade(Context ctx, WsListener listener, Socket socket, InputStream in, OutputStream out)
      throws IOException {
    String key = ctx.header("Sec-WebSocket-Key");
    if (key == null || !"13".equals(ctx.header("Sec-WebSocket-Version"))) {
      ctx.status(400).header("Sec-WebSocket-Version", "13").contentType("application/json")
          .result(Status.errorJson("bad request: a WebSocket handshake needs Sec-WebSocket-Key and version 13"));
      write(ctx, out, false, true);
      return false;
    }
    ctx.status(101);
    Headers h = ctx.answerHeaders();
    h.set("Upgrade", "websocket");
    h.set("Connection", "Upgrade");
    h.set("Sec-WebSocket-Accept", Handshake.accept(key));
    write(ctx, out, false, false);
    FrameWriter writer = new FrameWriter(out, false);
    WsSession ws = new WsSession(server.nextSessionId(), ctx.attributes(), ctx.ip(), socket, writer);
    session = ws;
    Serialised serialised = new Serialised(listener, server.serialTasks());
    serialised.onConnect(ws);
    frames(ws, serialised, socket, in);
    return false;
  }

  /** Reads frames until the session ends, answering pings and the peer's close. */
  private void frames(WsSession ws, WsListener listener, Socket socket, InputStream in) {
    FrameReader reader = new FrameReader(in, true, limits.maxWsMessage());
    MessageAssembler messages = new MessageAssembler(limits.maxWsMessage());
    // a session whose writes stall is noticed within a poll: every read waits at most this long
    int poll = (int) Math.min(WS_POLL_MILLIS, limits.readTimeout().toMillis());
    long writeTimeout = limits.readTimeout().toMillis();
    try {
      while (true) {
        if (ws.writeStuck(writeTimeout)) {
          LOG.info("WebSocket session {} from {} took no data for {} s; dropped", ws.id(), ws.ip(), writeTimeout / 1000);
          ws.drop();
          listener.onClose(ws, CloseCodes.ABNORMAL, "the peer took no data for " + writeTimeout / 1000 + " s");
          return;
        }
        socket.setSoTimeout(poll);
        int b0;
        try {
          b0 = in.read();
        } catch (SocketTimeoutException quiet) {
          if (ws.closeOverdue(WS_CLOSE_WAIT_MILLIS)) {
            listener.onClose(ws, CloseCodes.ABNORMAL, "no answer to the close frame");
            return;
          }
          continue;
        }
        if (b0 < 0) {
          listener.onClose(ws, CloseCodes.ABNORMAL, "the connection ended without a close frame");
          return;
        }
        socket.setSoTimeout((int) limits.readTimeout().toMillis());
        Frame frame = reader.readAfter(b0);
        switch (frame.opcode()) {
          case Frame.PING -> {
            if (!ws.closeSent()) {
              ws.write(new Frame(true, Frame.PONG, frame.payload()));
            }
          }
          case Frame.PONG -> {
            // an answer to nothing we sent, or a heartbeat: nothing to do
          }
          case Frame.CLOSE -> {
            int code = frame.closeCode();
            ws.close(code == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : code, "");
            listener.onClose(ws, code, frame.closeReason());
            return;
          }
          default -> {
            String text = messages.add(frame);
            if (text != null && !ws.closeSent()) {
              listener.onMessage(ws, text);
            }
          }
        }
      }
    } catch (WebSocketException e) {
      ws.close(e.code(), String.valueOf(e.getMessage()));
      listener.onClose(ws, e.code(), String.valueOf(e.getMessage()));
    } catch (IOException e) {
      listener.onClose(ws, CloseCodes.ABNORMAL, String.valueOf(e.getMessage()));
    } catch (Exception e) {
      LOG.warn("WebSocket session {} failed: {}", ws.id(), e.toString());
      ws.close(CloseCodes.SERVER_ERROR, "server error");
      listener.onError(ws, e);
    } finally {
      ws.drop();
    }
  }

  /**
   * A listener whose calls run on the session's {@link SerialTasks}: in order, off the reading
   * thread. A connect or message handler that throws closes the session with 1011 and reports
   * the error; the session's end is reported once (onClose or onError).
   */
  private static final class Serialised implements WsListener {
    private final WsListener listener;
    private final SerialTasks calls;
    private final AtomicBoolean ended = new AtomicBoolean();

    Serialised(WsListener listener, SerialTasks calls) {
      this.listener = listener;
      this.calls = calls;
    }

    @Override
    public void onConnect(WsSession session) {
      calls.submit(() -> guarded(session, () -> listener.onConnect(session)));
    }

    @Override
    public void onMessage(WsSession session, String text) {
      calls.submit(() -> guarded(session, () -> listener.onMessage(session, text)));
    }

    @Override
    public void onClose(WsSession session, int code, String reason) {
      calls.submit(() -> {
        if (ended.compareAndSet(false, true)) {
          listener.onClose(session, code, reason);
        }
      });
    }

    @Override
    public void onError(WsSession session, Throwable error) {
      calls.submit(() -> {
        if (ended.compareAndSet(false, true)) {
          listener.onError(session, error);
        }
      });
    }

    private interface Call {
      void run() throws Exception;
    }

    private void guarded(WsSession session, Call call) {
      if (ended.get()) {
        return;
      }
      try {
        call.run();
      } catch (Exception e) {
        LOG.warn("WebSocket session {} failed: {}", session.id(), e.toString());
        if (ended.compareAndSet(false, true)) {
          session.close(CloseCodes.SERVER_ERROR, "server error");
          listener.onError(session, e);
        }
        session.drop();
      }
    }
  }

  /** A refusal before routing: the error as JSON, then the connection is closed. */
  private void refuse(Socket socket, OutputStream out, Refusal r) throws IOException {
    StringBuilder head = new StringBuilder();
    byte[] body = Status.errorJson(String.valueOf(r.getMessage())).getBytes(StandardCharsets.UTF_8);
    head.append("HTTP/1.1 ").append(r.status()).append(' ').append(Status.reason(r.status())).append("\r\n")
        .append("Content-Type: application/json\r\nContent-Length: ").append(body.length)
        .append("\r\nConnection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    lingerAndClose(socket);
  }

  /**
   * Closes after an early answer without resetting it away: a client still sending a body it was
   * refused would get a reset for the unread bytes (and could lose the answer), so what it sends
   * for a moment more is read and dropped first.
   */
  private static void lingerAndClose(Socket socket) {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(1_000);
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[8192];
      long deadline = System.nanoTime() + 2_000_000_000L;
      long drained = 0;
      while (System.nanoTime() < deadline && drained < 4_000_000 && in.read(sink) >= 0) {
        drained += sink.length;
      }
    } catch (IOException | UnsupportedOperationException ignored) {
      // closing anyway
    }
  }

  static void write(Context ctx, OutputStream out, boolean headOnly, boolean close) throws IOException {
    int status = ctx.statusCode();
    byte[] body = ctx.resultBytes();
    boolean bodyless = Status.bodyless(status);
    Headers h = ctx.answerHeaders();
    if (!bodyless) {
      if (body.length > 0 && h.first("Content-Type") == null) {
        h.set("Content-Type", "text/plain; charset=utf-8");
      }
      h.set("Content-Length", Integer.toString(body.length));
    }
    if (close) {
      h.set("Connection", "close");
    }
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(Status.reason(status)).append("\r\n");
    h.writeTo(head);
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!headOnly && !bodyless) {
      out.write(body);
    }
    out.flush();
  }
}
