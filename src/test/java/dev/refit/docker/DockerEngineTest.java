package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.refit.image.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connecting to an engine (played on loopback) and what it is asked, when. */
class DockerEngineTest {
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void connectingOnlyPingsAndInfoIsAskedOnceWhenFirstNeeded() throws IOException {
    // /info as engine 20.10 answers on a Raspberry Pi on a 32-bit OS (fields trimmed)
    String host =
        engine(Map.of("/info", answer(200, "{\"OSType\":\"linux\",\"Architecture\":\"armv7l\",\"Name\":\"pi\",\"ServerVersion\":\"20.10.24\"}")));

    try (DockerEngine engine = DockerEngine.connect(host, Map.of())) {
      assertThat(asked).containsExactly("GET /_ping");

      assertThat(engine.platform()).isEqualTo(Platform.parse("linux/arm/v7"));
      assertThat(engine.hostName()).isEqualTo("pi");
      assertThat(engine.version()).isEqualTo("20.10.24");
      assertThat(asked).containsExactly("GET /_ping", "GET /info");
    }
  }

  @Test
  void aSocketProxyThatDeniesInfoLeavesThePlatformOfThisMachine() throws IOException {
    // docker-socket-proxy (haproxy) answers a denied section 403 with an HTML page
    String host = engine(Map.of("/info", answer(403, "<html><body><h1>403 Forbidden</h1></body></html>")));

    try (DockerEngine engine = DockerEngine.connect(host, Map.of())) {
      assertThat(engine.platform()).isEqualTo(Platform.ofThisMachine());
      assertThat(engine.hostName()).isNull();
      assertThat(engine.version()).isNull();
      assertThat(asked).containsExactly("GET /_ping", "GET /info");
    }
  }

  private String engine(Map<String, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          asked.add(exchange.getRequestMethod() + " " + path);
          Answer answer = path.equals("/_ping") ? answer(200, "OK") : answers.get(path);
          reply(exchange, answer == null ? answer(404, "{\"message\":\"page not found\"}") : answer);
        });
    server.start();
    return "tcp://127.0.0.1:" + server.getAddress().getPort();
  }

  private record Answer(int status, String body) {}

  private static Answer answer(int status, String body) {
    return new Answer(status, body);
  }

  private static void reply(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
