package dev.refit.http.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.refit.http.client.HttpsLayer;
import dev.refit.http.client.SocketLayer;
import dev.refit.http.client.TestCa;
import dev.refit.http.server.Handshaker;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.HttpStatusException;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import dev.refit.http.server.WsListener;
import dev.refit.http.server.WsSession;
import dev.refit.http.websocket.CloseCodes;
import dev.refit.http.websocket.Frame;
import dev.refit.http.websocket.FrameReader;
import dev.refit.http.websocket.FrameWriter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against Refit's own WebSocket server on loopback, and against servers played by hand
 * for what that server never does (fragments, unmasked pings, bad handshakes, a peer that stops
 * reading), and over TLS with a private CA.
 */
@Timeout(30)
class WebSocketClientTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(5);
  private static final Supplier<SocketLayer> NO_TLS =
      () -> {
        throw new AssertionError("a ws:// peer must not ask for TLS");
      };

  private final WebSocketClient client = new WebSocketClient(NO_TLS, Duration.ofMillis(500));
  private final Events events = new Events();

  @TempDir Path dir;

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static URI ws(int port) {
    return URI.create("ws://127.0.0.1:" + port + "/ws?x=1");
  }

  @Test
  void talksToRefitsOwnServer() throws Exception {
    List<String> server = new CopyOnWriteArrayList<>();
    Routes routes = new Routes();
    routes.ws(
        "/ws",
        ctx -> {
          if (!"Bearer s3cret".equals(ctx.header("Authorization"))) {
            ctx.header("Refit-Refusal", "missing or wrong agent credentials");
            throw new HttpStatusException(401, "missing or wrong agent credentials");
          }
        },
        new WsListener() {
          @Override
          public void onConnect(WsSession session) {
            session.send("welcome");
          }

          @Override
          public void onMessage(WsSession session, String text) {
            server.add(text.length() > 40 ? text.length() + " chars" : text);
            if (text.equals("bye")) {
              session.close(4000, "as you wish");
            } else {
              session.send("echo " + text.length());
            }
          }

          @Override
          public void onClose(WsSession session, int code, String reason) {
            server.add("close " + code);
          }
        });
    try (HttpServer http = new HttpServer(routes, ServerLimits.defaults(), Handshaker.PLAIN)) {
      int port = http.start("127.0.0.1", 0);
      assertThatThrownBy(() -> client.connect(ws(port), Map.of("Authorization", "Bearer wrong"), HANDSHAKE))
          .isInstanceOfSatisfying(
              UpgradeRefusedException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.headers().first("refit-refusal")).contains("missing or wrong agent credentials");
                assertThat(e.body()).contains("missing or wrong agent credentials");
                assertThat(e.getMessage()).doesNotContain("wrong");
              });

      WebSocketConnection ws = client.connect(ws(port), Map.of("Authorization", "Bearer s3cret"), HANDSHAKE);
      ws.start(events, "test-reader");
      ws.send("hello");
      String big = "x".repeat(200_000);
      ws.send(big);
      ws.ping();
      await().atMost(Duration.ofSeconds(5)).until(() -> events.lines.size() >= 4);
      // the server answers pings on its reading thread and messages on another: any order
      assertThat(events.lines).containsExactlyInAnyOrder("text welcome", "text echo 5", "text echo 200000", "pong");
      ws.send("bye");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.lines.contains("close 4000 as you wish"));
      assertThat(ws.isOpen()).isFalse();
      assertThatThrownBy(() -> ws.send("late")).isInstanceOf(IOException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.contains("close 4000"));
      assertThat(server).containsExactly("hello", "200000 chars", "bye", "close 4000");

      // and a close we start: the server answers it
      WebSocketConnection second = client.connect(ws(port), Map.of("Authorization", "Bearer s3cret"), HANDSHAKE);
      Events more = new Events();
      second.start(more, "test-reader-2");
      await().atMost(Duration.ofSeconds(5)).until(() -> more.lines.contains("text welcome"));
      second.close(CloseCodes.NORMAL, "done");
      await().atMost(Duration.ofSeconds(5)).until(() -> more.lines.contains("close 1000 "));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.contains("close 1000"));
    }
  }

  @Test
  void fragmentsPingsAndACloseFromAServerPlayedByHand() throws Exception {
    List<Frame> received = new CopyOnWriteArrayList<>();
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              Map<String, String> head = RawPeer.upgrade(in, out);
              FrameWriter writer = new FrameWriter(out, false);
              FrameReader reader = new FrameReader(in, true, 1 << 20);
              // the head and the first frames in one write: the client must keep what followed the head
              writer.write(new Frame(false, Frame.TEXT, bytes(head.get("") + " ")));
              writer.write(new Frame(true, Frame.PING, bytes("p1")));
              writer.write(new Frame(false, Frame.CONTINUATION, bytes(head.get("x-extra") + " ")));
              writer.write(new Frame(true, Frame.CONTINUATION, bytes("end")));
              received.add(reader.read());
              writer.write(new Frame(true, Frame.PONG, new byte[0]));
              writer.write(Frame.close(4001, "go away"));
              received.add(reader.read());
            })) {
      WebSocketConnection ws = client.connect(ws(peer.port()), Map.of("X-Extra", "extra"), HANDSHAKE);
      ws.start(events, "test-reader");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.lines.size() >= 3);
      assertThat(events.lines)
          .containsExactly("text GET /ws?x=1 HTTP/1.1 extra end", "pong", "close 4001 go away");
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
      assertThat(received.get(0).opcode()).isEqualTo(Frame.PONG);
      assertThat(new String(received.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("p1");
      assertThat(received.get(1).opcode()).isEqualTo(Frame.CLOSE);
      assertThat(received.get(1).closeCode()).isEqualTo(4001);
      assertThat(peer.failures).isEmpty();
    }
  }

  @Test
  void theRequestCarriesTheHandshakeAndTheCallersHeaders() throws Exception {
    List<Map<String, String>> heads = new CopyOnWriteArrayList<>();
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              heads.add(RawPeer.upgrade(in, out));
              in.read();
            })) {
      client.connect(URI.create("ws://localhost:" + peer.port()), Map.of("Refit-Agent", "a1"), HANDSHAKE).abort();
      await().atMost(Duration.ofSeconds(5)).until(() -> heads.size() == 1);
      Map<String, String> head = heads.get(0);
      assertThat(head.get("")).isEqualTo("GET / HTTP/1.1");
      assertThat(head.get("host")).isEqualTo("localhost:" + peer.port());
      assertThat(head.get("upgrade")).isEqualTo("websocket");
      assertThat(head.get("connection")).isEqualTo("Upgrade");
      assertThat(head.get("sec-websocket-version")).isEqualTo("13");
      assertThat(java.util.Base64.getDecoder().decode(head.get("sec-websocket-key"))).hasSize(16);
      assertThat(head.get("refit-agent")).isEqualTo("a1");
    }
    assertThatThrownBy(() -> client.connect(ws(1), Map.of("Authorization", "a\r\nb"), HANDSHAKE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of header Authorization has a line break");
  }

  @Test
  void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              RawPeer.readHead(in);
              release.await(20, TimeUnit.SECONDS);
            })) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.connect(ws(peer.port()), Map.of(), Duration.ofMillis(400)))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("no answer to the WebSocket upgrade within 400 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(350), Duration.ofSeconds(3));
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRefusalKeepsItsStatusHeadersAndCappedBody() throws Exception {
    String json = "{\"error\":\"join token was already used\",\"pad\":\"" + "p".repeat(40_000) + "\"}";
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              RawPeer.readHead(in);
              RawPeer.answer(out, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                  + "Refit-Refusal: join token was already used\r\nContent-Length: " + json.length() + "\r\n\r\n" + json);
            })) {
      assertThatThrownBy(() -> client.connect(ws(peer.port()), Map.of(), HANDSHAKE))
          .isInstanceOfSatisfying(
              UpgradeRefusedException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.headers().first("Refit-Refusal")).contains("join token was already used");
                assertThat(e.body()).startsWith("{\"error\":\"join token was already used\"")
                    .hasSize(WebSocketClient.MAX_REFUSAL_BODY);
                assertThat(e.getMessage()).isEqualTo("the server answered HTTP 401 instead of switching to WebSocket");
              });
    }
  }

  @Test
  void aWrongAcceptIsRefused() throws Exception {
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              RawPeer.readHead(in);
              RawPeer.answer(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
              in.read();
            })) {
      assertThatThrownBy(() -> client.connect(ws(peer.port()), Map.of(), HANDSHAKE))
          .isInstanceOf(IOException.class)
          .hasMessage("the server's Sec-WebSocket-Accept does not match the key sent: not a WebSocket server");
    }
  }

  @Test
  void aMaskedServerFrameOrAnOversizedMessageEndsTheConnectionWithItsCode() throws Exception {
    List<Integer> codes = new CopyOnWriteArrayList<>();
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              Map<String, String> head = RawPeer.upgrade(in, out);
              if (head.get("").contains("masked")) {
                new FrameWriter(out, true).write(Frame.text("masked"));
              } else {
                FrameWriter writer = new FrameWriter(out, false);
                byte[] half = new byte[WebSocketClient.MAX_MESSAGE / 2 + 1];
                writer.write(new Frame(false, Frame.TEXT, half));
                writer.write(new Frame(true, Frame.CONTINUATION, half));
              }
              codes.add(new FrameReader(in, true, 1000).read().closeCode());
            })) {
      Events masked = new Events();
      client.connect(URI.create("ws://127.0.0.1:" + peer.port() + "/masked"), Map.of(), HANDSHAKE).start(masked, "r1");
      client.connect(ws(peer.port()), Map.of(), HANDSHAKE).start(events, "r2");
      await().atMost(Duration.ofSeconds(5)).until(() -> codes.size() == 2);
      assertThat(codes).containsExactlyInAnyOrder(CloseCodes.PROTOCOL_ERROR, CloseCodes.TOO_BIG);
      await().atMost(Duration.ofSeconds(5)).until(() -> !masked.lines.isEmpty() && !events.lines.isEmpty());
      assertThat(masked.lines).containsExactly("error a server frame must not be masked");
      assertThat(events.lines).containsExactly("error a message over the limit of 1048576 bytes");
    }
  }

  @Test
  void aServerThatStopsReadingMakesTheSendTimeOutAndEndsTheConnection() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              socket.setReceiveBufferSize(4096);
              RawPeer.upgrade(in, out);
              release.await(20, TimeUnit.SECONDS);
            })) {
      WebSocketConnection ws = client.connect(ws(peer.port()), Map.of(), HANDSHAKE);
      ws.start(events, "test-reader");
      String chunk = "y".repeat(64 * 1024);
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  ws.send(chunk);
                }
              })
          .isInstanceOf(IOException.class)
          .hasMessage("the server took no data for 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(ws.isOpen()).isFalse();
      await().atMost(Duration.ofSeconds(5)).until(() -> !events.lines.isEmpty());
      assertThat(events.lines).containsExactly("error the server took no data for 500 ms");
    } finally {
      release.countDown();
    }
  }

  /**
   * A server that reads our close frame into {@code received}, answers it with its own or stays
   * silent, and counts {@code dropped} down when the client hangs up.
   */
  private static RawPeer closingPeer(boolean answer, List<Frame> received, CountDownLatch dropped) throws IOException {
    return new RawPeer(
        (socket, in, out) -> {
          RawPeer.upgrade(in, out);
          Frame close = new FrameReader(in, true, 1000).read();
          received.add(close);
          if (answer) {
            new FrameWriter(out, false).write(Frame.close(close.closeCode(), ""));
          }
          if (in.read() < 0) {
            dropped.countDown();
          }
        });
  }

  @Test
  void aServerThatNeverAnswersOurCloseLosesTheSocketAfterTheWait() throws Exception {
    Duration wait = Duration.ofMillis(100);
    List<Frame> received = new CopyOnWriteArrayList<>();
    CountDownLatch dropped = new CountDownLatch(1);
    try (WebSocketClient shortWait = new WebSocketClient(NO_TLS, Duration.ofMillis(500), wait);
        RawPeer peer = closingPeer(false, received, dropped)) {
      WebSocketConnection ws = shortWait.connect(ws(peer.port()), Map.of(), HANDSHAKE);
      ws.start(events, "test-reader");
      long start = System.nanoTime();
      ws.close(CloseCodes.NORMAL, "done");
      Duration returned = Duration.ofNanos(System.nanoTime() - start);
      assertThat(ws.isOpen()).isFalse();

      assertThat(dropped.await(5, TimeUnit.SECONDS)).as("the socket closed").isTrue();
      Duration closed = Duration.ofNanos(System.nanoTime() - start);
      assertThat(returned).as("close() itself does not wait").isLessThan(wait);
      assertThat(closed).isGreaterThanOrEqualTo(wait).isLessThan(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(2)).until(() -> !events.lines.isEmpty());
      assertThat(events.lines).containsExactly("error no answer to the close frame within 100 ms");
      assertThat(received).singleElement().satisfies(f -> {
        assertThat(f.opcode()).isEqualTo(Frame.CLOSE);
        assertThat(f.closeCode()).isEqualTo(CloseCodes.NORMAL);
      });
      assertThat(peer.failures).isEmpty();
    }
  }

  @Test
  void aServerThatAnswersOurCloseAtOnceEndsItWithoutTheWait() throws Exception {
    CountDownLatch dropped = new CountDownLatch(1);
    // the production wait (5 s): the socket must close long before it
    try (RawPeer peer = closingPeer(true, new CopyOnWriteArrayList<>(), dropped)) {
      WebSocketConnection ws = client.connect(ws(peer.port()), Map.of(), HANDSHAKE);
      ws.start(events, "test-reader");
      long start = System.nanoTime();
      ws.close(CloseCodes.NORMAL, "done");
      assertThat(dropped.await(5, TimeUnit.SECONDS)).as("the socket closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WebSocketConnection.CLOSE_WAIT.dividedBy(5));
      await().atMost(Duration.ofSeconds(1)).until(() -> !events.lines.isEmpty());
      assertThat(events.lines).containsExactly("close 1000 ");
      assertThat(peer.failures).isEmpty();
    }
  }

  @Test
  void abortEndsAtOnceAndTellsNothing() throws Exception {
    try (RawPeer peer =
        new RawPeer(
            (socket, in, out) -> {
              RawPeer.upgrade(in, out);
              in.read();
            })) {
      WebSocketConnection ws = client.connect(ws(peer.port()), Map.of(), HANDSHAKE);
      ws.start(events, "test-reader");
      ws.abort();
      assertThat(ws.isOpen()).isFalse();
      assertThatThrownBy(() -> ws.send("x")).hasMessage("the WebSocket is closed");
      Thread.sleep(200);
      assertThat(events.lines).isEmpty();
    }
  }

  @Test
  void wssTrustsTheGivenCaSendsSniAndChecksTheName() throws Exception {
    TestCa ca = TestCa.create(dir, "DNS:localhost");
    List<String> serverNames = new CopyOnWriteArrayList<>();
    HttpsLayer tls = new HttpsLayer(ca.client());
    try (WebSocketClient secure = new WebSocketClient(() -> tls, Duration.ofSeconds(2));
        RawPeer peer =
            new RawPeer(
                ca.serverSockets(serverNames),
                (socket, in, out) -> {
                  RawPeer.upgrade(in, out);
                  FrameReader reader = new FrameReader(in, true, 1000);
                  FrameWriter writer = new FrameWriter(out, false);
                  Frame frame = reader.read();
                  writer.write(Frame.text("tls " + new String(frame.payload(), StandardCharsets.UTF_8)));
                  reader.read();
                })) {
      WebSocketConnection ws =
          secure.connect(URI.create("wss://localhost:" + peer.port() + "/fleet/connect"), Map.of(), HANDSHAKE);
      ws.start(events, "test-reader");
      ws.send("hello");
      await().atMost(Duration.ofSeconds(5)).until(() -> !events.lines.isEmpty());
      assertThat(events.lines).containsExactly("text tls hello");
      assertThat(serverNames).containsExactly("localhost");
      ws.abort();
      // The certificate names localhost only: asked by address, the name check refuses it.
      assertThatThrownBy(
              () -> secure.connect(URI.create("wss://127.0.0.1:" + peer.port() + "/"), Map.of(), HANDSHAKE))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
