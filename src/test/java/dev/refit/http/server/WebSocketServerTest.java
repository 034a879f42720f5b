package dev.refit.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.refit.http.websocket.CloseCodes;
import dev.refit.http.websocket.Frame;
import dev.refit.http.websocket.FrameReader;
import dev.refit.http.websocket.FrameWriter;
import dev.refit.http.websocket.Handshake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket side over raw sockets: handshake, masking, fragments, ping, close, the size cap. */
@Timeout(30)
class WebSocketServerTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private final List<String> events = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() {
    Routes routes = new Routes();
    routes.ws(
        "/ws",
        ctx -> {
          if (!"yes".equals(ctx.header("X-Admit"))) {
            ctx.header("X-Refusal", "not admitted");
            throw new HttpStatusException(403, "not admitted");
          }
          ctx.attribute("who", "agent-1");
        },
        new WsListener() {
          @Override
          public void onConnect(WsSession session) {
            events.add("connect " + session.attribute("who"));
          }

          @Override
          public void onMessage(WsSession session, String text) {
            events.add("message " + text.length());
            if (text.equals("bye")) {
              session.close(4000, "as you wish");
            } else {
              session.send("echo " + text.substring(0, Math.min(10, text.length())));
            }
          }

          @Override
          public void onClose(WsSession session, int code, String reason) {
            events.add("close " + code);
          }
        });
    server = new HttpServer(routes, ServerLimits.defaults(), Handshaker.PLAIN);
    port = server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawClient connect() throws Exception {
    RawClient c = new RawClient(port);
    c.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
        + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\nX-Admit: yes\r\n\r\n");
    RawClient.Answer head = c.head();
    assertThat(head.status()).isEqualTo(101);
    // RFC 6455 4.2.2's own example
    assertThat(head.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").isEqualTo(Handshake.accept(KEY));
    return c;
  }

  @Test
  void maskedAndFragmentedMessagesPingsAndACloseTheServerStarts() throws Exception {
    try (RawClient c = connect()) {
      FrameWriter out = new FrameWriter(c.out, true);
      FrameReader in = new FrameReader(c.in, false, 1 << 20);
      out.write(Frame.text("hello"));
      assertThat(new String(in.read().payload(), StandardCharsets.UTF_8)).isEqualTo("echo hello");
      out.write(new Frame(false, Frame.TEXT, "frag".getBytes(StandardCharsets.UTF_8)));
      out.write(new Frame(true, Frame.PING, "p1".getBytes(StandardCharsets.UTF_8)));
      out.write(new Frame(false, Frame.CONTINUATION, "men".getBytes(StandardCharsets.UTF_8)));
      out.write(new Frame(true, Frame.CONTINUATION, "ted".getBytes(StandardCharsets.UTF_8)));
      Frame pong = in.read();
      assertThat(pong.opcode()).isEqualTo(Frame.PONG);
      assertThat(new String(pong.payload(), StandardCharsets.UTF_8)).isEqualTo("p1");
      assertThat(new String(in.read().payload(), StandardCharsets.UTF_8)).isEqualTo("echo fragmented");
      out.write(Frame.text("bye"));
      Frame close = in.read();
      assertThat(close.opcode()).isEqualTo(Frame.CLOSE);
      assertThat(close.closeCode()).isEqualTo(4000);
      assertThat(close.closeReason()).isEqualTo("as you wish");
      out.write(Frame.close(4000, ""));
      assertThat(c.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 4000"));
    assertThat(events).containsExactly("connect agent-1", "message 5", "message 10", "message 3", "close 4000");
  }

  @Test
  void aCloseFromTheClientIsEchoed() throws Exception {
    try (RawClient c = connect()) {
      new FrameWriter(c.out, true).write(Frame.close(1000, "done"));
      Frame echo = new FrameReader(c.in, false, 1000).read();
      assertThat(echo.closeCode()).isEqualTo(1000);
      assertThat(c.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 1000"));
  }

  @Test
  void anUnmaskedFrameIsAProtocolError() throws Exception {
    try (RawClient c = connect()) {
      new FrameWriter(c.out, false).write(Frame.text("plain"));
      assertThat(new FrameReader(c.in, false, 1000).read().closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 1002"));
  }

  /**
   * A peer that keeps its connection open but reads nothing: the server's sends block once the
   * socket buffers are full, and every sender with them, until the session is dropped.
   */
  @Test
  void aPeerThatTakesNoDataIsDroppedAndItsBlockedSendEnds() throws Exception {
    server.close();
    List<WsSession> sessions = new CopyOnWriteArrayList<>();
    Routes routes = new Routes();
    routes.ws("/ws", ctx -> ctx.attribute("who", "stuck"), new WsListener() {
      @Override
      public void onConnect(WsSession session) {
        sessions.add(session);
      }

      @Override
      public void onMessage(WsSession session, String text) {}

      @Override
      public void onClose(WsSession session, int code, String reason) {
        events.add("close " + code + " " + reason);
      }
    });
    Duration second = Duration.ofSeconds(1);
    server = new HttpServer(routes, ServerLimits.defaults().withTimeouts(Duration.ofSeconds(30), second, second, Duration.ofSeconds(15)),
        Handshaker.PLAIN);
    port = server.start("127.0.0.1", 0);
    try (RawClient c = new RawClient(port)) {
      c.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
      assertThat(c.head().status()).isEqualTo(101);
      await().until(() -> !sessions.isEmpty());
      String chunk = "x".repeat(256 * 1024);
      Throwable[] failure = new Throwable[1];
      Thread sender = new Thread(() -> {
        try {
          // far more than the socket buffers of both ends hold; the client reads none of it
          for (int i = 0; i < 400; i++) {
            sessions.get(0).send(chunk);
          }
        } catch (RuntimeException e) {
          failure[0] = e;
        }
      });
      sender.start();
      sender.join(Duration.ofSeconds(15).toMillis());
      assertThat(sender.isAlive()).as("the blocked send ended").isFalse();
      assertThat(failure[0]).isInstanceOf(java.io.UncheckedIOException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 1006 the peer took no data for 1 s"));
    }
  }

  @Test
  void aMessageOverOneMebibyteIsRefusedWith1009() throws Exception {
    try (RawClient c = connect()) {
      FrameWriter out = new FrameWriter(c.out, true);
      out.write(Frame.text("x".repeat(1024 * 1024)));
      assertThat(new FrameReader(c.in, false, 1 << 20).read().payload()).hasSize("echo xxxxxxxxxx".length());
      out.write(new Frame(false, Frame.TEXT, new byte[600 * 1024]));
      out.write(new Frame(true, Frame.CONTINUATION, new byte[600 * 1024]));
      Frame close = new FrameReader(c.in, false, 1 << 20).read();
      assertThat(close.opcode()).isEqualTo(Frame.CLOSE);
      assertThat(close.closeCode()).isEqualTo(CloseCodes.TOO_BIG);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 1009"));
  }

  @Test
  void theHookRefusesBeforeTheUpgradeWithItsStatusAndHeaders() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
      RawClient.Answer refused = c.answer();
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.header("X-Refusal")).isEqualTo("not admitted");
      assertThat(refused.body()).isEqualTo("{\"error\":\"not admitted\"}");
    }
    assertThat(events).isEmpty();
  }

  @Test
  void theJdkClientConnectsAndTalks() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    java.net.http.WebSocket ws =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("X-Admit", "yes")
            .buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + port + "/ws"),
                new java.net.http.WebSocket.Listener() {
                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                    heard.add(data.toString());
                    w.request(1);
                    return null;
                  }
                })
            .get();
    ws.sendText("from jdk", true).get();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("echo from jdk"));
    ws.sendClose(1000, "").get();
    await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("close 1000"));
  }
}
