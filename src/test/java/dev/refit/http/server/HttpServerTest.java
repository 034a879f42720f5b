package dev.refit.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's HTTP/1.1 on loopback, spoken byte by byte from raw sockets. */
@Timeout(30)
class HttpServerTest {
  private final List<String> closedStreams = new CopyOnWriteArrayList<>();
  private final CountDownLatch streamOpen = new CountDownLatch(1);
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() {
    Routes routes = new Routes();
    routes.get("/hello", ctx -> ctx.result("hello " + ctx.ip()));
    routes.post("/echo", ctx -> ctx.contentType("application/octet-stream").result(ctx.bodyAsBytes()));
    routes.post("/form", ctx -> ctx.result(ctx.formParam("name") + "|" + ctx.queryParam("q")));
    routes.get("/items/{id}", ctx -> ctx.result("item " + ctx.pathParam("id") + " " + ctx.cookie("c")));
    routes.delete("/items/{id}", ctx -> ctx.status(204));
    routes.get("/boom", ctx -> {
      throw new IllegalStateException("secret detail");
    });
    routes.get("/refused", ctx -> {
      throw new HttpStatusException(418, "no tea");
    });
    routes.get("/mapped", ctx -> {
      throw new IllegalArgumentException("bad thing");
    });
    routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).result("mapped: " + e.getMessage()));
    routes.before("/private/*", ctx -> {
      if (ctx.header("X-Key") == null) {
        throw new HttpStatusException(401, "key please");
      }
      ctx.attribute("who", ctx.header("X-Key"));
    });
    routes.get("/private/me", ctx -> ctx.result("you are " + ctx.attribute("who")));
    routes.error(404, ctx -> ctx.result("nothing at " + ctx.path()));
    routes.sse("/events", client -> {
      client.onClose(() -> closedStreams.add("gone"));
      client.sendComment("connected");
      streamOpen.countDown();
      client.keepAlive();
    });
    server =
        new HttpServer(
            routes,
            ServerLimits.defaults().withMaxBody(1000)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(200)),
            Handshaker.PLAIN);
    port = server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pipelinedRequestsOnOneKeptAliveConnectionAreAnsweredInOrder() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /items/a%20b HTTP/1.1\r\nHost: x\r\nCookie: a=1; c=two\r\n\r\n"
          + "DELETE /items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer first = c.answer();
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("hello 127.0.0.1");
      assertThat(first.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(c.answer().body()).isEqualTo("item a b two");
      RawClient.Answer deleted = c.answer();
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.header("Content-Length")).isNull();
      c.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(c.answer().header("Connection")).isEqualTo("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void chunkedAndContentLengthBodiesAndUrlEncodedForms() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n");
      assertThat(c.answer().body()).isEqualTo("hello world");
      c.send("POST /form?q=%C3%A9t%C3%A9 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: 15\r\n\r\nname=a+b%26c&z=");
      assertThat(c.answer().body()).isEqualTo("a b&c|été");
    }
  }

  @Test
  void expectContinueGetsAnInterimAnswerBeforeTheBodyIsSent() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
      assertThat(c.line()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(c.line()).isEmpty();
      c.send("abc");
      assertThat(c.answer().body()).isEqualTo("abc");
    }
  }

  @Test
  void oversizedBodiesHeadsAndLinesAreRefusedAsJson() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\nExpect: 100-continue\r\n\r\n");
      RawClient.Answer refused = c.answer();
      assertThat(refused.status()).as("no 100 for a body that will be refused").isEqualTo(413);
      assertThat(refused.body()).isEqualTo("{\"error\":\"the request body is larger than 1000 bytes\"}");
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawClient c = new RawClient(port)) {
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n" + "x".repeat(1000) + "\r\n1\r\nx\r\n0\r\n\r\n");
      assertThat(c.answer().status()).isEqualTo(413);
    }
    try (RawClient c = new RawClient(port)) {
      c.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Pad: " + "y".repeat(20_000) + "\r\n\r\n");
      RawClient.Answer huge = c.answer();
      assertThat(huge.status()).isEqualTo(431);
      assertThat(huge.body()).startsWith("{\"error\":\"request header fields too large");
    }
    try (RawClient c = new RawClient(port)) {
      c.send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.answer().status()).isEqualTo(414);
    }
    try (RawClient c = new RawClient(port)) {
      c.send("GET /hello HTTP/1.1\r\n\r\n");
      assertThat(c.answer().status()).as("HTTP/1.1 without Host").isEqualTo(400);
    }
  }

  @Test
  void aHeadTrickledByteByByteRunsOutOfTime() throws Exception {
    try (RawClient c = new RawClient(port)) {
      long start = System.nanoTime();
      String head = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: " + "z".repeat(100);
      int sent = 0;
      try {
        for (char ch : head.toCharArray()) {
          c.send(String.valueOf(ch));
          sent++;
          Thread.sleep(20);
        }
      } catch (IOException closed) {
        // the server gave up on us
      }
      assertThat(sent).isLessThan(head.length());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void notFoundAndMethodNotAllowedAreTold() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer missing = c.answer();
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("nothing at /nowhere");
      c.send("PUT /items/3 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      RawClient.Answer wrong = c.answer();
      assertThat(wrong.status()).isEqualTo(405);
      assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD, DELETE");
      c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer head = c.head();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).as("what GET would send").isEqualTo("15");
      c.send("GET /hello/ HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.answer().body()).as("after a HEAD without body, the next answer is intact").startsWith("hello");
    }
  }

  @Test
  void exceptionsBecomeAnswersWithoutTheirInsides() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\nGET /refused HTTP/1.1\r\nHost: x\r\n\r\nGET /mapped HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /private/me HTTP/1.1\r\nHost: x\r\n\r\nGET /private/me HTTP/1.1\r\nHost: x\r\nX-Key: k1\r\n\r\n");
      RawClient.Answer boom = c.answer();
      assertThat(boom.status()).isEqualTo(500);
      assertThat(boom.body()).isEqualTo("{\"error\":\"internal server error\"}").doesNotContain("secret");
      RawClient.Answer refused = c.answer();
      assertThat(refused.status()).isEqualTo(418);
      assertThat(refused.body()).isEqualTo("{\"error\":\"no tea\"}");
      assertThat(c.answer().body()).isEqualTo("mapped: bad thing");
      assertThat(c.answer().status()).as("the filter refused").isEqualTo(401);
      assertThat(c.answer().body()).isEqualTo("you are k1");
    }
  }

  @Test
  void anEventStreamEndsWhenItsClientVanishes() throws Exception {
    RawClient c = new RawClient(port);
    c.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    RawClient.Answer head = c.head();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Type")).startsWith("text/event-stream");
    assertThat(c.line()).isEqualTo(": connected");
    assertThat(streamOpen.await(5, TimeUnit.SECONDS)).isTrue();
    c.line();
    assertThat(c.line()).as("a comment keeps a silent stream alive").isEqualTo(": keep-alive");
    c.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> closedStreams.size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 0);
  }

  @Test
  void stoppingEndsOpenStreamsAndConnections() throws Exception {
    try (RawClient c = new RawClient(port)) {
      c.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
      c.head();
      assertThat(streamOpen.await(5, TimeUnit.SECONDS)).isTrue();
      server.close();
      assertThat(closedStreams).containsExactly("gone");
      while (true) {
        try {
          if (c.in.read() < 0) {
            break;
          }
        } catch (java.net.SocketException reset) {
          break;
        }
      }
    }
  }

  @Test
  void connectionsOverTheCapAreRefusedWith503() throws Exception {
    server.close();
    Routes routes = new Routes().get("/hello", ctx -> ctx.result("hi"));
    server = new HttpServer(routes, ServerLimits.defaults().withMaxConnections(1), Handshaker.PLAIN);
    port = server.start("127.0.0.1", 0);
    try (RawClient first = new RawClient(port); RawClient second = new RawClient(port)) {
      first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(first.answer().status()).isEqualTo(200);
      second.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(second.answer().status()).isEqualTo(503);
    }
  }
}
