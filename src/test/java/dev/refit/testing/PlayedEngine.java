package dev.refit.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker Engine played on 127.0.0.1 for unit tests of what Refit asks an engine, and when: each
 * path answers what the test set ({@code /_ping} answers OK unless told otherwise), anything else
 * 404 as the engine words it; every request is recorded as {@code METHOD /path}.
 */
public final class PlayedEngine implements AutoCloseable {
  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  public PlayedEngine() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    answer("/_ping", 200, "OK");
    server.createContext("/", this::reply);
    server.start();
  }

  /** What {@code GET path} answers from now on. */
  public PlayedEngine answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  /** The engine's address, as {@code DOCKER_HOST} takes it. */
  public String host() {
    return "tcp://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far, in order. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  private void reply(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    asked.add(exchange.getRequestMethod() + " " + path);
    Answer answer = answers.getOrDefault(path, new Answer(404, "{\"message\":\"page not found\"}"));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
