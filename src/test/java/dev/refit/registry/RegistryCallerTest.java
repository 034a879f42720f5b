package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.refit.http.client.FakePeer;
import dev.refit.http.client.HttpsLayer;
import dev.refit.http.client.OriginClient;
import dev.refit.http.client.TestCa;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import dev.refit.testing.SilentServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** The caller against local HTTP servers: retries, timeouts, caps, redirects, rate limits. */
class RegistryCallerTest {
  private final LocalServer server = new LocalServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** An endpoint that hands the answer back as it is, to look at what the caller settled on. */
  private record Raw(String method, URI uri, long maxBytes, boolean followsRedirects)
      implements RegistryEndpoint<RegistryAnswer> {
    Raw(String method, URI uri) {
      this(method, uri, 1024 * 1024, true);
    }

    @Override
    public String what() {
      return "the test resource";
    }

    @Override
    public RegistryAnswer handle(RegistryAnswer answer) {
      return answer;
    }
  }

  private static RegistryCaller caller(RegistrySettings.Builder settings) {
    RegistrySettings s = settings.build();
    return new RegistryCaller(RegistryClient.http(s), s);
  }

  private static RegistrySettings.Builder quick() {
    return RegistrySettings.builder().retries(3, Duration.ofMillis(1));
  }

  private static ImageReference repo(String address) {
    return ImageReference.parse(address + "/app:1.0.0");
  }

  @Test
  void serverErrorsAreRetriedThenTheAnswerIsGiven() {
    AtomicInteger calls = new AtomicInteger();
    server.on(
        "/v2/x",
        ex -> LocalServer.send(ex, calls.incrementAndGet() < 3 ? 503 : 200, Map.of(), "ok"));
    RegistryAnswer answer =
        caller(quick()).call(new Raw("GET", server.uri("/v2/x")), repo(server.address()), null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(new String(answer.body())).isEqualTo("ok");
    assertThat(server.count("GET", "/v2/x")).isEqualTo(3);

    server.answer("/v2/y", 500, Map.of(), "down");
    RegistryAnswer last =
        caller(quick()).call(new Raw("GET", server.uri("/v2/y")), repo(server.address()), null);
    assertThat(last.status()).isEqualTo(500);
    assertThat(server.count("GET", "/v2/y")).isEqualTo(3);
  }

  @Test
  void aSilentHostCostsOneTimeoutThenFailsFastWithTheSameReason() {
    try (SilentServer silent = SilentServer.start()) {
      RegistryCaller caller = caller(quick().requestTimeout(Duration.ofMillis(300)));
      String because =
          "registry " + silent.address() + " did not answer GET /v2/app/tags/list within 300ms"
              + " (registry.timeout); not asking it again in this run";
      ImageReference app = repo(silent.address());
      assertThatThrownBy(
              () ->
                  caller.call(
                      new Raw("GET", URI.create("http://" + silent.address() + "/v2/app/tags/list")),
                      app,
                      null))
          .isInstanceOf(RegistryException.class)
          .hasMessage(because)
          .extracting(e -> ((RegistryException) e).reason())
          .isEqualTo(Reason.UNAVAILABLE);
      assertThat(silent.connections()).isEqualTo(1);
      assertThatThrownBy(
              () ->
                  caller.call(
                      new Raw("HEAD", URI.create("http://" + silent.address() + "/v2/b/manifests/1")),
                      app,
                      null))
          .hasMessage(because);
      assertThat(silent.connections()).isEqualTo(1);
      assertThat(caller.hosts())
          .singleElement()
          .satisfies(h -> assertThat(h.requests.sum()).isEqualTo(1));
    }
  }

  @Test
  void aBodyThatStallsAfterItsHeadersClosesTheHostLikeASilentOne() throws Exception {
    try (FakePeer stalling =
        FakePeer.tcp(
            (request, out) -> {
              out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(US_ASCII));
              out.flush();
              Thread.sleep(5_000);
              return false;
            })) {
      String address = "127.0.0.1:" + stalling.port();
      RegistryCaller caller = caller(quick().requestTimeout(Duration.ofMillis(300)));
      assertThatThrownBy(
              () ->
                  caller.call(
                      new Raw("GET", URI.create("http://" + address + "/v2/app/tags/list")),
                      repo(address),
                      null))
          .hasMessage(
              "registry " + address + " did not answer GET /v2/app/tags/list within 300ms"
                  + " (registry.timeout); not asking it again in this run");
      assertThat(stalling.connections()).isEqualTo(1);
    }
  }

  @Test
  void anHttpsRegistryWithAPrivateCaIsAskedOverTlsOnOneConnection(@TempDir Path dir)
      throws Exception {
    TestCa ca = TestCa.create(dir, "DNS:localhost");
    HttpsLayer tls = new HttpsLayer(ca.client());
    try (FakePeer registry =
        FakePeer.sockets(
            ca.serverSockets(new java.util.ArrayList<>()),
            InetAddress.getLoopbackAddress(),
            FakePeer.fixed("{}"))) {
      RegistrySettings settings = quick().build();
      RegistryCaller caller =
          new RegistryCaller(new OriginClient(Duration.ofSeconds(2), 2, () -> tls), settings);
      URI uri = URI.create("https://localhost:" + registry.port() + "/v2/");
      for (int i = 0; i < 3; i++) {
        RegistryAnswer answer = caller.call(new Raw("GET", uri), repo("localhost:" + registry.port()), "Bearer t");
        assertThat(answer.status()).isEqualTo(200);
      }
      assertThat(registry.connections()).isEqualTo(1);
      assertThat(registry.requests().get(0).header("authorization")).isEqualTo("Bearer t");
      assertThat(registry.requests().get(0).header("user-agent")).startsWith("refit");
    }
  }

  @Test
  void aSilentHostHoldsUpNoOtherHost() throws Exception {
    try (SilentServer silent = SilentServer.start()) {
      RegistryCaller caller = caller(quick().requestTimeout(Duration.ofSeconds(20)));
      server.answer("/v2/", 200, Map.of(), "{}");
      CompletableFuture<RegistryAnswer> hung =
          CompletableFuture.supplyAsync(
              () ->
                  caller.call(
                      new Raw("GET", URI.create("http://" + silent.address() + "/v2/")),
                      repo(silent.address()),
                      null));
      while (silent.connections() == 0) {
        Thread.sleep(5);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(
                caller
                    .call(new Raw("GET", server.uri("/v2/")), repo(server.address()), null)
                    .status())
            .isEqualTo(200);
      }
      assertThat(hung).isNotDone();
      hung.cancel(true);
    }
  }

  @Test
  void refusedConnectionsAreRetriedAndNamed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RegistryCaller caller = caller(quick());
    assertThatThrownBy(
            () ->
                caller.call(
                    new Raw("GET", URI.create("http://127.0.0.1:" + port + "/v2/")),
                    repo("127.0.0.1:" + port),
                    null))
        .hasMessage(
            "registry 127.0.0.1:" + port + " did not answer GET /v2/ after 3 tries: connection refused");
    assertThat(caller.hosts()).singleElement().satisfies(h -> assertThat(h.requests.sum()).isEqualTo(3));
  }

  @Test
  void tooManyRequestsClosesTheHostForTheRun() {
    server.answer("/v2/x", 429, Map.of("Retry-After", "30"), "{}");
    RegistryCaller caller = caller(quick());
    String because =
        "registry " + server.address()
            + " is rate-limiting Refit (429, retry after 30); not asking it again in this run";
    assertThatThrownBy(
            () -> caller.call(new Raw("GET", server.uri("/v2/x")), repo(server.address()), null))
        .hasMessage(because)
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    assertThatThrownBy(
            () -> caller.call(new Raw("GET", server.uri("/v2/other")), repo(server.address()), null))
        .hasMessage(because);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void rateLimitHeadersAreRemembered() {
    server.answer("/v2/x", 200, Map.of("ratelimit-remaining", "76;w=21600"), "{}");
    RegistryCaller caller = caller(quick());
    caller.call(new Raw("GET", server.uri("/v2/x")), repo(server.address()), null);
    assertThat(caller.hosts())
        .singleElement()
        .satisfies(h -> assertThat(h.snapshot().rateLimitRemaining()).isEqualTo(76));
  }

  @Test
  void aStreamedBodyOverTheCapIsCutOffWhileItArrives() {
    AtomicLong written = new AtomicLong();
    server.on("/v2/big", ex -> streamForever(ex, written, -1));
    RegistryCaller caller = caller(quick().maxAnswerBytes(1024 * 1024));
    assertThatThrownBy(
            () ->
                caller.call(
                    new Raw("GET", server.uri("/v2/big"), 1024 * 1024, true),
                    repo(server.address()),
                    null))
        .hasMessage(
            "registry " + server.address()
                + " sent more than 1MB for the test resource; Refit stops reading there"
                + " (raise registry.maxAnswerSize)")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    // not retried, and the server could not push much past the cap before the client hung up
    assertThat(server.count("GET", "/v2/big")).isEqualTo(1);
    awaitWriterStopped(written);
    assertThat(written.get()).isLessThan(32L * 1024 * 1024);
  }

  @Test
  void aDeclaredLengthOverTheCapIsNotReadAtAll() {
    AtomicLong written = new AtomicLong();
    long declared = 512L * 1024 * 1024;
    server.on("/v2/big", ex -> streamForever(ex, written, declared));
    RegistryCaller caller = caller(quick());
    assertThatThrownBy(
            () ->
                caller.call(
                    new Raw("GET", server.uri("/v2/big"), 1024, true), repo(server.address()), null))
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    awaitWriterStopped(written);
    assertThat(written.get()).isLessThan(32L * 1024 * 1024);
  }

  @Test
  void redirectsKeepTheTokenOnItsOriginOnly() {
    try (LocalServer blobs = new LocalServer()) {
      blobs.answer("/blob", 200, Map.of(), "elsewhere");
      server.answer("/v2/a", 307, Map.of("Location", "/v2/b"), "");
      server.answer("/v2/b", 200, Map.of(), "same origin");
      server.answer("/v2/c", 302, Map.of("Location", blobs.uri("/blob").toString()), "");
      RegistryCaller caller = caller(quick());
      RegistryAnswer same =
          caller.call(new Raw("GET", server.uri("/v2/a")), repo(server.address()), "Bearer secret");
      assertThat(new String(same.body())).isEqualTo("same origin");
      assertThat(server.requests().get(1).header("Authorization")).isEqualTo("Bearer secret");

      RegistryAnswer other =
          caller.call(new Raw("GET", server.uri("/v2/c")), repo(server.address()), "Bearer secret");
      assertThat(new String(other.body())).isEqualTo("elsewhere");
      assertThat(blobs.requests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isNull());

      RegistryAnswer notFollowed =
          caller.call(
              new Raw("GET", server.uri("/v2/a"), 1024, false), repo(server.address()), null);
      assertThat(notFollowed.status()).isEqualTo(307);
    }
  }

  /** Writes 64 KB chunks until the client hangs up (or 1 GB), counting what went out. */
  private static void streamForever(
      com.sun.net.httpserver.HttpExchange exchange, AtomicLong written, long declaredLength)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, declaredLength < 0 ? 0 : declaredLength);
    byte[] chunk = ("\"" + "x".repeat(64 * 1024 - 3) + "\",").getBytes();
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("{\"tags\":[".getBytes());
      while (written.get() < 1024L * 1024 * 1024) {
        out.write(chunk);
        out.flush();
        written.addAndGet(chunk.length);
      }
    } finally {
      written.set(written.get() | (1L << 62));
    }
  }

  private static void awaitWriterStopped(AtomicLong written) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((written.get() & (1L << 62)) == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(written.get() & (1L << 62)).as("the server stopped writing").isNotZero();
    written.set(written.get() & ~(1L << 62));
  }
}
