package dev.refit.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on 127.0.0.1 for the registry client's unit tests: a handler per path
 * (exact, without query), every request recorded with its headers. Unknown paths answer 404.
 */
final class LocalServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-registry");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  LocalServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  URI uri(String path) {
    return URI.create("http://" + address() + path);
  }

  LocalServer on(String path, Handler handler) {
    handlers.put(path, handler);
    return this;
  }

  /** Answers {@code path} with this status, headers and body, always. */
  LocalServer answer(String path, int status, Map<String, String> headers, String body) {
    return on(path, exchange -> send(exchange, status, headers, body));
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  long count(String method, String path) {
    return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
  }

  static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = exchange.getRequestURI();
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            uri.getPath(),
            uri.getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Handler handler = handlers.get(uri.getPath());
    try {
      if (handler == null) {
        send(exchange, 404, Map.of("Content-Type", "application/json"),
            "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}");
      } else {
        handler.handle(exchange);
      }
    } catch (IOException e) {
      // the client hung up (e.g. it stopped reading at its cap): nothing more to send
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
