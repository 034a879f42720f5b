package dev.refit.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on loopback that records every request; {@code /fail/...} answers 500. */
public final class HttpReceiver implements AutoCloseable {
  /** One request as it arrived. */
  public record Request(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

  public HttpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          int status = exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 200;
          byte[] answer = (status == 200 ? "{\"ok\":true}" : "broken receiver").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public Request next() throws InterruptedException {
    Request r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request arrived within 10s");
    }
    return r;
  }

  public List<Request> drain() {
    List<Request> all = new java.util.ArrayList<>();
    requests.drainTo(all);
    return all;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
