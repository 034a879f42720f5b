package dev.refit.docker.http;

import dev.refit.http.client.FakePeer;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.http.client.TcpDialer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineHttpTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path dir;

  private FakePeer unix(FakePeer.Handler handler) throws IOException {
    return FakePeer.unix(dir.resolve("engine.sock"), handler);
  }

  @Test
  void sendsTheRequestAndReadsASizedAnswerOverAUnixSocket() throws Exception {
    try (FakePeer engine = unix(FakePeer.fixed("{\"ok\":true}"));
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      byte[] json = "{\"Image\":\"app\"}".getBytes(UTF_8);
      try (EngineResponse response =
          http.exchange(
              "POST",
              "/containers/create?name=web",
              Map.of("Content-Type", "application/json", "X-Registry-Auth", "c2VjcmV0"),
              json,
              TIMEOUT)) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers())
            .containsEntry("content-type", "application/json")
            .containsEntry("content-length", "11");
        assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo("{\"ok\":true}");
      }
      FakePeer.Request request = engine.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.target()).isEqualTo("/containers/create?name=web");
      assertThat(request.header("Host")).isEqualTo("docker");
      assertThat(request.header("X-Registry-Auth")).isEqualTo("c2VjcmV0");
      assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(json.length));
      assertThat(request.body()).isEqualTo(json);
    }
  }

  @Test
  void aPlainTcpEngineGetsItsAddressAsHost() throws Exception {
    try (FakePeer engine = FakePeer.tcp(FakePeer.fixed("pong"));
        EngineHttp http =
            EngineHttp.connect(engine.host(), Map.of("DOCKER_CERT_PATH", "/nonexistent"))) {
      try (EngineResponse response = http.exchange("GET", "/_ping", Map.of(), null, TIMEOUT)) {
        assertThat(response.body().readAllBytes()).isEqualTo("pong".getBytes(UTF_8));
      }
      assertThat(engine.requests().get(0).header("Host"))
          .isEqualTo(engine.host().substring("tcp://".length()));
    }
  }

  @Test
  void decodesAChunkedAnswerWithExtensionsAndTrailers() throws Exception {
    FakePeer.Handler chunked =
        (request, out) -> {
          out.write(
              ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "5\r\nhello\r\n"
                      + "1;ext=1\r\n \r\n"
                      + "A\r\n0123456789\r\n"
                      + "0\r\nX-Trailer: t\r\n\r\n")
                  .getBytes(US_ASCII));
          return true;
        };
    try (FakePeer engine = unix(chunked);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      for (int i = 0; i < 2; i++) {
        try (EngineResponse response = http.exchange("GET", "/info", Map.of(), null, TIMEOUT)) {
          assertThat(new String(response.body().readAllBytes(), UTF_8))
              .isEqualTo("hello 0123456789");
        }
      }
      assertThat(engine.connections())
          .as("a chunked answer read to its end keeps the connection")
          .isEqualTo(1);
    }
  }

  @Test
  void reusesAConnectionWhoseAnswerWasReadToTheEnd() throws Exception {
    try (FakePeer engine = unix(FakePeer.fixed("x"));
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      for (int i = 0; i < 5; i++) {
        try (EngineResponse response = http.exchange("GET", "/version", Map.of(), null, TIMEOUT)) {
          response.body().readAllBytes();
        }
      }
      assertThat(engine.connections()).isEqualTo(1);
      assertThat(engine.requests()).hasSize(5).allMatch(r -> r.connection() == 1);
      assertThat(http.idleConnections()).isEqualTo(1);
    }
  }

  @Test
  void readingToTheEndWithoutClosingAlsoReturnsTheConnection() throws Exception {
    try (FakePeer engine = unix(FakePeer.fixed("x"));
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      http.exchange("GET", "/version", Map.of(), null, TIMEOUT).body().readAllBytes();
      http.exchange("GET", "/version", Map.of(), null, TIMEOUT).body().readAllBytes();
      assertThat(engine.connections()).isEqualTo(1);
    }
  }

  @Test
  void aHalfReadBodyDropsItsConnection() throws Exception {
    try (FakePeer engine = unix(FakePeer.fixed("0123456789".repeat(1000)));
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      try (EngineResponse response = http.exchange("GET", "/big", Map.of(), null, TIMEOUT)) {
        assertThat(response.body().readNBytes(10)).isEqualTo("0123456789".getBytes(UTF_8));
      }
      assertThat(http.idleConnections()).isZero();
      try (EngineResponse response = http.exchange("GET", "/big", Map.of(), null, TIMEOUT)) {
        assertThat(response.body().readAllBytes()).hasSize(10_000);
      }
      assertThat(engine.connections())
          .as("the rest of the first body was not taken for an answer")
          .isEqualTo(2);
    }
  }

  @Test
  void anAnswerWithoutLengthRunsToTheEndOfTheConnection() throws Exception {
    FakePeer.Handler close =
        (request, out) -> {
          out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end".getBytes(US_ASCII));
          return false;
        };
    try (FakePeer engine = unix(close);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      for (int i = 0; i < 2; i++) {
        try (EngineResponse response = http.exchange("GET", "/x", Map.of(), null, TIMEOUT)) {
          assertThat(new String(response.body().readAllBytes(), UTF_8)).isEqualTo("until the end");
        }
      }
      assertThat(engine.connections()).isEqualTo(2);
      assertThat(http.idleConnections()).isZero();
    }
  }

  @Test
  void answersWithoutBodyKeepTheConnectionAtOnce() throws Exception {
    FakePeer.Handler noBody =
        (request, out) -> {
          String status =
              request.method().equals("HEAD") ? "200 OK\r\nContent-Length: 42" : "204 No Content";
          out.write(("HTTP/1.1 " + status + "\r\n\r\n").getBytes(US_ASCII));
          return true;
        };
    try (FakePeer engine = unix(noBody);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      EngineResponse started =
          http.exchange("POST", "/containers/a/start", Map.of(), null, TIMEOUT);
      assertThat(started.status()).isEqualTo(204);
      assertThat(started.body().read()).isEqualTo(-1);
      EngineResponse head = http.exchange("HEAD", "/_ping", Map.of(), null, TIMEOUT);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.body().read()).isEqualTo(-1);
      assertThat(engine.connections()).isEqualTo(1);
      assertThat(engine.requests().get(0).header("Content-Length")).isEqualTo("0");
    }
  }

  @Test
  void aPeerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    FakePeer.Handler silent =
        (request, out) -> {
          end.await();
          return false;
        };
    try (FakePeer engine = unix(silent);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> http.exchange("GET", "/info", Map.of(), null, Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("GET /info to " + engine.host());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
      assertThat(http.idleConnections()).isZero();
    } finally {
      end.countDown();
    }
  }

  @Test
  void aBodyThatStallsTimesOutToo() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    FakePeer.Handler stalls =
        (request, out) -> {
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly some".getBytes(US_ASCII));
          end.await();
          return false;
        };
    try (FakePeer engine = FakePeer.tcp(stalls);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      EngineResponse response =
          http.exchange("GET", "/logs", Map.of(), null, Duration.ofMillis(300));
      assertThat(response.body().readNBytes(9)).isEqualTo("only some".getBytes(US_ASCII));
      assertThatThrownBy(() -> response.body().read())
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("GET /logs");
    } finally {
      end.countDown();
    }
  }

  @Test
  void noTimeoutWaitsForASlowStream() throws Exception {
    FakePeer.Handler slowEvents =
        (request, out) -> {
          out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(US_ASCII));
          out.flush();
          Thread.sleep(200);
          out.write("3\r\nev1\r\n".getBytes(US_ASCII));
          Thread.sleep(200);
          out.write("0\r\n\r\n".getBytes(US_ASCII));
          return true;
        };
    try (FakePeer engine = unix(slowEvents);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of());
        EngineResponse events = http.exchange("GET", "/events", Map.of(), null, Duration.ZERO)) {
      assertThat(events.body().readNBytes(3)).isEqualTo("ev1".getBytes(US_ASCII));
      assertThat(events.body().read()).isEqualTo(-1);
    }
  }

  @Test
  void closingAStreamFromAnotherThreadEndsItsBlockedRead() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    FakePeer.Handler endless =
        (request, out) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nev1\r\n"
                  .getBytes(US_ASCII));
          end.await();
          return false;
        };
    for (boolean tcp : new boolean[] {false, true}) {
      try (FakePeer engine = tcp ? FakePeer.tcp(endless) : unix(endless);
          EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
        EngineResponse events = http.exchange("GET", "/events", Map.of(), null, Duration.ZERO);
        assertThat(events.body().readNBytes(3)).isEqualTo("ev1".getBytes(US_ASCII));
        Thread closer =
            new Thread(
                () -> {
                  sleep(200);
                  try {
                    events.close();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                });
        closer.start();
        assertThatThrownBy(() -> events.body().read())
            .as(tcp ? "tcp" : "unix")
            .isInstanceOf(IOException.class);
        closer.join();
        assertThat(http.idleConnections()).isZero();
      }
      java.nio.file.Files.deleteIfExists(dir.resolve("engine.sock"));
    }
    end.countDown();
  }

  @Test
  void anInterruptEndsAWaitOnAUnixSocket() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    FakePeer.Handler silent =
        (request, out) -> {
          end.await();
          return false;
        };
    try (FakePeer engine = unix(silent);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      Thread caller = Thread.currentThread();
      Thread interrupter =
          new Thread(
              () -> {
                sleep(200);
                caller.interrupt();
              });
      interrupter.start();
      assertThatThrownBy(() -> http.exchange("GET", "/events", Map.of(), null, Duration.ZERO))
          .isInstanceOf(java.io.InterruptedIOException.class)
          .hasMessageContaining("GET /events");
      assertThat(Thread.interrupted()).isTrue();
      interrupter.join();
    } finally {
      end.countDown();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aHugeAnswerIsStreamedNotBuffered() throws Exception {
    long total = 256L * 1024 * 1024;
    byte[] block = new byte[1024 * 1024];
    CountDownLatch firstRead = new CountDownLatch(1);
    FakePeer.Handler huge =
        (request, out) -> {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n").getBytes(US_ASCII));
          out.write(block);
          // The rest only once the client has read from the first megabyte: a client that
          // waited for the whole body would never see it.
          if (!firstRead.await(10, TimeUnit.SECONDS)) {
            return false;
          }
          for (long sent = block.length; sent < total; sent += block.length) {
            out.write(block);
          }
          return true;
        };
    try (FakePeer engine = unix(huge);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of());
        EngineResponse response = http.exchange("GET", "/images/get", Map.of(), null, TIMEOUT)) {
      InputStream body = response.body();
      byte[] buffer = new byte[64 * 1024];
      long read = body.read(buffer);
      assertThat(read).isPositive();
      firstRead.countDown();
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        read += n;
      }
      assertThat(read).isEqualTo(total);
    }
  }

  @Test
  void aStaleIdleConnectionIsNotUsed() throws Exception {
    // Keep-alive announced, connection closed anyway: the unix pool notices at the next take,
    // the tcp one when the request fails before any answer (and sends it again once).
    FakePeer.Handler closesAnyway =
        (request, out) -> {
          FakePeer.fixed("ok").answer(request, out);
          return false;
        };
    for (boolean tcp : new boolean[] {false, true}) {
      try (FakePeer engine = tcp ? FakePeer.tcp(closesAnyway) : unix(closesAnyway);
          EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
        for (int i = 0; i < 3; i++) {
          try (EngineResponse response =
              http.exchange("POST", "/containers/a/stop", Map.of(), null, TIMEOUT)) {
            assertThat(response.body().readAllBytes()).isEqualTo("ok".getBytes(US_ASCII));
          }
          Thread.sleep(50); // the peer's close arrives
        }
        assertThat(engine.requests()).as(tcp ? "tcp" : "unix").hasSize(3);
      }
      java.nio.file.Files.deleteIfExists(dir.resolve("engine.sock"));
    }
  }

  @Test
  void idleConnectionsExpireAfterThirtySeconds() throws Exception {
    AtomicLong now = new AtomicLong();
    try (FakePeer engine = unix(FakePeer.fixed("x"));
        EngineHttp http =
            new EngineHttp(
                Dialers.of(engine.host(), Map.of()), EngineHttp.MAX_IDLE_TIME, now::get)) {
      http.exchange("GET", "/a", Map.of(), null, TIMEOUT).body().readAllBytes();
      now.addAndGet(Duration.ofSeconds(29).toNanos());
      http.exchange("GET", "/b", Map.of(), null, TIMEOUT).body().readAllBytes();
      assertThat(engine.connections()).isEqualTo(1);
      now.addAndGet(Duration.ofSeconds(31).toNanos());
      http.exchange("GET", "/c", Map.of(), null, TIMEOUT).body().readAllBytes();
      assertThat(engine.connections()).isEqualTo(2);
      assertThat(http.idleConnections()).isEqualTo(1);
    }
  }

  @Test
  void atMostEightConnectionsWaitIdle() throws Exception {
    try (FakePeer engine = unix(FakePeer.fixed("x"));
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      List<EngineResponse> open = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        open.add(http.exchange("GET", "/" + i, Map.of(), null, TIMEOUT));
      }
      for (EngineResponse response : open) {
        response.body().readAllBytes();
        response.close();
      }
      assertThat(engine.connections()).isEqualTo(10);
      assertThat(http.idleConnections()).isEqualTo(EngineHttp.MAX_IDLE_CONNECTIONS);
      http.close();
      assertThat(http.idleConnections()).isZero();
      assertThatThrownBy(() -> http.exchange("GET", "/", Map.of(), null, TIMEOUT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("closed");
    }
  }

  @Test
  void concurrentExchangesEachGetTheirOwnAnswer() throws Exception {
    FakePeer.Handler echo =
        (request, out) -> {
          byte[] body = request.target().getBytes(US_ASCII);
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(US_ASCII));
          out.write(body);
          return true;
        };
    try (FakePeer engine = unix(echo);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 50; i++) {
                      String path = "/t" + thread + "/" + i;
                      try (EngineResponse response =
                          http.exchange("GET", path, Map.of(), null, TIMEOUT)) {
                        assertThat(new String(response.body().readAllBytes(), US_ASCII))
                            .isEqualTo(path);
                      }
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(failures).isEmpty();
      assertThat(engine.requests()).hasSize(400);
      assertThat(engine.connections()).as("one per thread at most").isLessThanOrEqualTo(8);
      assertThat(http.idleConnections()).isLessThanOrEqualTo(EngineHttp.MAX_IDLE_CONNECTIONS);
    }
  }

  @Test
  void aRefusedConnectionIsOneIoExceptionNamingTheHost() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EngineHttp http = EngineHttp.connect("tcp://127.0.0.1:" + port, Map.of())) {
      assertThatThrownBy(() -> http.exchange("GET", "/info", Map.of(), null, TIMEOUT))
          .isExactlyInstanceOf(IOException.class)
          .hasMessage(
              "cannot connect to the Docker Engine at tcp://127.0.0.1:"
                  + port
                  + ": Connection refused");
    }
    String missing = "unix://" + dir.resolve("missing.sock");
    try (EngineHttp http = EngineHttp.connect(missing, Map.of())) {
      assertThatThrownBy(() -> http.exchange("GET", "/info", Map.of(), null, TIMEOUT))
          .isExactlyInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot connect to the Docker Engine at " + missing + ": ");
    }
  }

  @Test
  void aMalformedAnswerIsAnIoExceptionNamingTheRequest() throws Exception {
    FakePeer.Handler garbage =
        (request, out) -> {
          out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(US_ASCII));
          return false;
        };
    try (FakePeer engine = unix(garbage);
        EngineHttp http = EngineHttp.connect(engine.host(), Map.of())) {
      assertThatThrownBy(() -> http.exchange("GET", "/info", Map.of(), null, TIMEOUT))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "GET /info to "
                  + engine.host()
                  + ": not an HTTP/1.x answer: \"SSH-2.0-OpenSSH_9.2\"");
    }
  }

  @Test
  void badAddressesAndHeadersAreRefusedWithOneLine() throws IOException {
    assertThatThrownBy(() -> EngineHttp.connect("ssh://me@host", Map.of()))
        .hasMessage(
            "Docker host ssh://me@host is not supported: use unix:///path or tcp://host:port");
    assertThatThrownBy(() -> EngineHttp.connect("unix://relative.sock", Map.of()))
        .hasMessageContaining("absolute path");
    assertThatThrownBy(() -> EngineHttp.connect("tcp://host:99999", Map.of()))
        .hasMessage("Docker host tcp://host:99999: bad port \"99999\"");
    Map<String, String> tls = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString());
    // An empty cert directory is allowed, as by the CLI: the JDK's roots, no client certificate.
    EngineHttp.connect("tcp://127.0.0.1:2376", tls).close();
    java.nio.file.Files.writeString(dir.resolve("cert.pem"), "");
    assertThatThrownBy(() -> EngineHttp.connect("tcp://127.0.0.1:2376", tls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "TLS: " + dir.resolve("key.pem") + " is missing (cert.pem and key.pem go together)");
    java.nio.file.Files.writeString(dir.resolve("key.pem"), "not a key");
    assertThatThrownBy(() -> EngineHttp.connect("tcp://127.0.0.1:2376", tls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TLS: " + dir.resolve("key.pem") + ": no PEM private key in it");
    try (EngineHttp http = EngineHttp.connect("unix:///nowhere.sock", Map.of())) {
      assertThatThrownBy(
              () ->
                  http.exchange(
                      "GET", "/", Map.of("X-Registry-Auth", "secret\r\nX-Evil: 1"), null, TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the value of header X-Registry-Auth has a line break");
      assertThatThrownBy(
              () -> http.exchange("GET", "/", Map.of("Content-Length", "3"), null, TIMEOUT))
          .hasMessage("the header Content-Length is set by the HTTP client");
      assertThatThrownBy(() -> http.exchange("GET", "/a b", Map.of(), null, TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void defaultPortsAreDockers() {
    assertThat(Dialers.of("tcp://engine.example", Map.of()))
        .isEqualTo(new TcpDialer("tcp://engine.example", "engine.example", 2375, null));
    assertThat(Dialers.of("tcp://[::1]:2380/", Map.of()).hostHeader()).isEqualTo("[::1]:2380");
  }
}
