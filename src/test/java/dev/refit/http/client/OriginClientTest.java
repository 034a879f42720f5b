package dev.refit.http.client;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.testing.SilentServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin client against scripted peers on loopback: framing, keep-alive, caps, timeouts, TLS. */
class OriginClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long CAP = 1024;

  @TempDir Path dir;

  private final OriginClient client =
      OriginClient.create(Duration.ofSeconds(2), 4);

  private static FakePeer plain(FakePeer.Handler handler) throws IOException {
    return FakePeer.sockets(
        ServerSocketFactory.getDefault(), InetAddress.getLoopbackAddress(), handler);
  }

  private static URI uri(FakePeer peer, String path) {
    return URI.create("http://127.0.0.1:" + peer.port() + path);
  }

  private Answer get(URI uri) throws IOException {
    return client.send("GET", uri, Map.of("Accept", "text/plain"), null, TIMEOUT, CAP);
  }

  private static void head(OutputStream out, String head) throws IOException {
    out.write((head + "\r\n\r\n").getBytes(US_ASCII));
  }

  @Test
  void keepsTheConnectionAcrossCallsAndSendsHostWithItsPort() throws Exception {
    try (FakePeer peer = plain(FakePeer.fixed("ok"))) {
      for (int i = 0; i < 3; i++) {
        Answer answer = get(uri(peer, "/v2/?n=" + i));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), US_ASCII)).isEqualTo("ok");
      }
      assertThat(peer.connections()).isEqualTo(1);
      assertThat(peer.requests()).extracting(FakePeer.Request::target)
          .containsExactly("/v2/?n=0", "/v2/?n=1", "/v2/?n=2");
      assertThat(peer.requests().get(0).header("host")).isEqualTo("127.0.0.1:" + peer.port());
      assertThat(client.idleConnections("http://127.0.0.1:" + peer.port())).isEqualTo(1);
    }
  }

  @Test
  void closesTheExpiredConnectionsOfAnOriginNoLongerAsked() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    try (FakePeer once = plain(FakePeer.fixed("once"));
        FakePeer often = plain(FakePeer.fixed("often"));
        OriginClient ticking =
            new OriginClient(Duration.ofSeconds(2), 4, () -> { throw new AssertionError("no TLS"); }, now::get)) {
      String onceOrigin = "http://127.0.0.1:" + once.port();
      ticking.send("GET", uri(once, "/"), Map.of(), null, TIMEOUT, CAP);
      ticking.send("GET", uri(often, "/"), Map.of(), null, TIMEOUT, CAP);
      assertThat(ticking.idleConnections(onceOrigin)).isEqualTo(1);

      now.addAndGet(Duration.ofSeconds(20).toNanos());
      ticking.send("GET", uri(often, "/"), Map.of(), null, TIMEOUT, CAP);
      assertThat(ticking.idleConnections(onceOrigin)).as("not idle long enough yet").isEqualTo(1);

      now.addAndGet(Duration.ofSeconds(15).toNanos());
      ticking.send("GET", uri(often, "/"), Map.of(), null, TIMEOUT, CAP);
      assertThat(ticking.idleConnections(onceOrigin)).as("idle 35 s, swept by a request elsewhere").isZero();
      assertThat(ticking.idleConnections("http://127.0.0.1:" + often.port())).isEqualTo(1);
      assertThat(often.connections()).isEqualTo(1);
    }
  }

  @Test
  void readsAChunkedAnswerAndKeepsItsConnection() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nLink: <a>\r\nLink: <b>");
              out.write("5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(US_ASCII));
              return true;
            })) {
      Answer answer = get(uri(peer, "/"));
      assertThat(new String(answer.body(), US_ASCII)).isEqualTo("hello world");
      assertThat(answer.headers().all("LINK")).containsExactly("<a>", "<b>");
      get(uri(peer, "/"));
      assertThat(peer.connections()).isEqualTo(1);
    }
  }

  @Test
  void headAndNoContentAnswersHaveNoBody() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(
                  out,
                  request.method().equals("HEAD")
                      ? "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nDocker-Content-Digest: sha256:x"
                      : "HTTP/1.1 204 No Content");
              return true;
            })) {
      Answer head = client.send("HEAD", uri(peer, "/m"), Map.of(), null, TIMEOUT, CAP);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstAsLong("content-length")).hasValue(5000);
      Answer empty = client.send("DELETE", uri(peer, "/m"), Map.of(), null, TIMEOUT, CAP);
      assertThat(empty.status()).isEqualTo(204);
      assertThat(peer.connections()).isEqualTo(1);
    }
  }

  @Test
  void continueAnswersAreSkipped() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(out, "HTTP/1.1 100 Continue");
              head(out, "HTTP/1.1 201 Created\r\nContent-Length: 2");
              out.write("ok".getBytes(US_ASCII));
              return true;
            })) {
      Answer answer =
          client.send("POST", uri(peer, "/t"), Map.of(), "a=b".getBytes(US_ASCII), TIMEOUT, CAP);
      assertThat(answer.status()).isEqualTo(201);
      assertThat(peer.requests().get(0).body()).isEqualTo("a=b".getBytes(US_ASCII));
    }
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(out, "HTTP/1.1 200 OK\r\nConnection: close");
              out.write("to the end".getBytes(US_ASCII));
              return false;
            })) {
      assertThat(new String(get(uri(peer, "/")).body(), US_ASCII)).isEqualTo("to the end");
      assertThat(new String(get(uri(peer, "/")).body(), US_ASCII)).isEqualTo("to the end");
      assertThat(peer.connections()).isEqualTo(2);
      assertThat(client.idleConnections("http://127.0.0.1:" + peer.port())).isZero();
    }
  }

  @Test
  void anAnnouncedBodyOverTheCapIsNotRead() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000");
              out.write(new byte[64 * 1024]); // the rest never comes
              Thread.sleep(10_000);
              return true;
            })) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> get(uri(peer, "/huge")))
          .isInstanceOf(BodyTooLargeException.class)
          .hasMessage("the answer announces 1000000000 bytes, more than the 1024 allowed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(client.idleConnections("http://127.0.0.1:" + peer.port())).isZero();
    }
  }

  @Test
  void anEndlessChunkedOrUnsizedBodyStopsAtTheCap() throws Exception {
    byte[] kilobyte = new byte[1024];
    for (boolean chunked : new boolean[] {true, false}) {
      try (FakePeer peer =
          plain(
              (request, out) -> {
                head(out, chunked ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked" : "HTTP/1.1 200 OK");
                while (true) { // a gigabyte and more
                  if (chunked) {
                    out.write("400\r\n".getBytes(US_ASCII));
                  }
                  out.write(kilobyte);
                  if (chunked) {
                    out.write("\r\n".getBytes(US_ASCII));
                  }
                }
              })) {
        assertThatThrownBy(() -> get(uri(peer, "/huge")))
            .isInstanceOf(BodyTooLargeException.class)
            .hasMessage("the answer is longer than the 1024 bytes allowed");
        assertThat(client.idleConnections("http://127.0.0.1:" + peer.port())).isZero();
      }
    }
  }

  @Test
  void aBodyThatStallsAfterTheHeadTimesOutAtTheDeadline() throws Exception {
    try (FakePeer peer =
        plain(
            (request, out) -> {
              head(out, "HTTP/1.1 200 OK\r\nContent-Length: 100");
              // a byte now and then: each read makes progress, the whole answer never comes
              for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
              }
              return true;
            })) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> client.send("GET", uri(peer, "/slow"), Map.of(), null, Duration.ofMillis(500), CAP))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("GET /slow to http://127.0.0.1:" + peer.port());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(400), Duration.ofSeconds(2));
    }
  }

  @Test
  void aPeerThatAcceptsAndNeverAnswersTimesOut() {
    try (SilentServer silent = SilentServer.start()) {
      URI uri = URI.create("http://" + silent.address() + "/v2/");
      assertThatThrownBy(() -> client.send("GET", uri, Map.of(), null, Duration.ofMillis(300), CAP))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void anInterruptEndsAWaitForASilentPeer() throws Exception {
    try (SilentServer silent = SilentServer.start()) {
      URI uri = URI.create("http://" + silent.address() + "/v2/");
      java.util.concurrent.CompletableFuture<Throwable> failure =
          new java.util.concurrent.CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  client.send("GET", uri, Map.of(), null, Duration.ofSeconds(30), CAP);
                  failure.complete(new AssertionError("answered"));
                } catch (Throwable t) {
                  failure.complete(t);
                }
              });
      caller.start();
      while (silent.connections() == 0) {
        Thread.sleep(10);
      }
      Thread.sleep(100); // the request is written, the caller waits for the head
      long start = System.nanoTime();
      caller.interrupt();
      assertThat(failure.get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(java.io.InterruptedIOException.class)
          .hasMessageContaining("interrupted while waiting for the answer");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aStaleKeptAliveConnectionIsRetriedForGetButNotForPost() throws Exception {
    // Keep-alive announced, connection closed anyway right after the answer.
    FakePeer.Handler closesAnyway =
        (request, out) -> {
          FakePeer.fixed("ok").answer(request, out);
          out.flush();
          return false;
        };
    try (FakePeer peer = plain(closesAnyway)) {
      get(uri(peer, "/"));
      Thread.sleep(50); // the peer's close arrives
      assertThat(new String(get(uri(peer, "/")).body(), US_ASCII)).isEqualTo("ok");
      assertThat(peer.requests()).hasSize(2);
      Thread.sleep(50);
      // A POST may have been acted on: it fails instead of going again.
      assertThatThrownBy(
              () -> client.send("POST", uri(peer, "/"), Map.of(), new byte[1], TIMEOUT, CAP))
          .isInstanceOf(IOException.class);
      assertThat(peer.requests()).hasSize(2);
    }
  }

  @Test
  void speaksToIpv6Literals() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    FakePeer peer;
    try {
      peer = FakePeer.sockets(ServerSocketFactory.getDefault(), v6, FakePeer.fixed("six"));
    } catch (IOException noIpv6Here) {
      return;
    }
    try (peer) {
      Answer answer = get(URI.create("http://[::1]:" + peer.port() + "/"));
      assertThat(new String(answer.body(), US_ASCII)).isEqualTo("six");
      assertThat(peer.requests().get(0).header("host")).isEqualTo("[::1]:" + peer.port());
    }
  }

  @Test
  void httpsWithAPrivateCaSendsSniAndChecksTheName() throws Exception {
    TestCa ca = TestCa.create(dir, "DNS:localhost");
    List<String> serverNames = new CopyOnWriteArrayList<>();
    HttpsLayer tls = new HttpsLayer(ca.client());
    try (FakePeer peer =
            FakePeer.sockets(
                ca.serverSockets(serverNames), InetAddress.getLoopbackAddress(), FakePeer.fixed("tls"));
        OriginClient trusting = new OriginClient(Duration.ofSeconds(2), 4, () -> tls)) {
      URI uri = URI.create("https://localhost:" + peer.port() + "/v2/");
      for (int i = 0; i < 2; i++) {
        Answer answer = trusting.send("GET", uri, Map.of(), null, TIMEOUT, CAP);
        assertThat(new String(answer.body(), US_ASCII)).isEqualTo("tls");
      }
      assertThat(peer.connections()).isEqualTo(1);
      assertThat(serverNames).containsExactly("localhost");
      assertThat(peer.requests().get(0).header("host")).isEqualTo("localhost:" + peer.port());
      // The certificate names localhost only: asked by address, the name check refuses it.
      URI byAddress = URI.create("https://127.0.0.1:" + peer.port() + "/v2/");
      assertThatThrownBy(() -> trusting.send("GET", byAddress, Map.of(), null, TIMEOUT, CAP))
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .hasMessageStartingWith("cannot connect to https://127.0.0.1:" + peer.port() + ": ")
          .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
      // The JVM's own trust store does not know the private CA.
      assertThatThrownBy(() -> client.send("GET", uri, Map.of(), null, TIMEOUT, CAP))
          .hasCauseInstanceOf(SSLHandshakeException.class);
    }
  }
}
