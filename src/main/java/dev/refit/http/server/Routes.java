package dev.refit.http.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server answers: handlers per method and path, filters that run before them, event
 * streams, WebSockets, and the mapping of exceptions and statuses to answers. Filled before the
 * server starts; read by it afterwards.
 */
public final class Routes {
  record Route(String method, PathPattern path, Handler handler) {}

  record Filter(String prefix, boolean exact, Handler handler) {
    boolean matches(String path) {
      return exact ? PathPattern.split(path).equals(PathPattern.split(prefix)) : path.startsWith(prefix);
    }
  }

  record Stream(PathPattern path, SseHandler handler) {}

  record Socket(PathPattern path, Handler beforeUpgrade, WsListener listener) {}

  record Mapper<T extends Exception>(Class<T> type, ExceptionHandler<? super T> handler) {}

  final List<Route> routes = new ArrayList<>();
  final List<Filter> filters = new ArrayList<>();
  final List<Stream> streams = new ArrayList<>();
  final List<Socket> sockets = new ArrayList<>();
  final List<Mapper<?>> mappers = new ArrayList<>();
  final Map<Integer, Handler> errors = new LinkedHashMap<>();

  public Routes get(String path, Handler handler) {
    return add("GET", path, handler);
  }

  public Routes post(String path, Handler handler) {
    return add("POST", path, handler);
  }

  public Routes put(String path, Handler handler) {
    return add("PUT", path, handler);
  }

  public Routes patch(String path, Handler handler) {
    return add("PATCH", path, handler);
  }

  public Routes delete(String path, Handler handler) {
    return add("DELETE", path, handler);
  }

  /** HEAD of a path with a GET route is answered by that route (without its body) unless set here. */
  public Routes head(String path, Handler handler) {
    return add("HEAD", path, handler);
  }

  private Routes add(String method, String path, Handler handler) {
    routes.add(new Route(method, PathPattern.of(path), handler));
    return this;
  }

  /**
   * Runs {@code handler} before the route of every request whose path starts with the prefix
   * ({@code "/api/*"}) or is exactly {@code path}, whether or not a route matches; a filter that
   * throws ends the exchange with the exception's answer.
   */
  public Routes before(String path, Handler handler) {
    boolean prefix = path.endsWith("*");
    filters.add(new Filter(prefix ? path.substring(0, path.length() - 1) : path, !prefix, handler));
    return this;
  }

  /** A server-sent event stream ({@code text/event-stream}) on GET. */
  public Routes sse(String path, SseHandler handler) {
    streams.add(new Stream(PathPattern.of(path), handler));
    return this;
  }

  /**
   * A WebSocket endpoint. {@code beforeUpgrade} runs first with the handshake's request: it may
   * leave attributes for the session or refuse with an {@link HttpStatusException} (then the
   * client gets that status and the headers set, never a WebSocket).
   */
  public Routes ws(String path, Handler beforeUpgrade, WsListener listener) {
    sockets.add(new Socket(PathPattern.of(path), beforeUpgrade, listener));
    return this;
  }

  /** Answers exceptions of {@code type} (and its subtypes; the closest registered type wins). */
  public <T extends Exception> Routes exception(Class<T> type, ExceptionHandler<? super T> handler) {
    mappers.add(new Mapper<>(type, handler));
    return this;
  }

  /**
   * Runs after any exchange that ends with {@code status} (404 and 405 from routing, or set by a
   * handler): {@link Context#result()} shows what was written so far.
   */
  public Routes error(int status, Handler handler) {
    errors.put(status, handler);
    return this;
  }
}
