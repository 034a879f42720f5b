package dev.refit.http.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what answers a request and runs it: filters, then the route (404 when no path matches,
 * 405 with {@code Allow} when only the method does not), exceptions through their mappers, then
 * the error handler of the final status.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** What the connection does after dispatch: write the context's answer, or stream, or upgrade. */
  sealed interface Next {}

  record Answer() implements Next {}

  record Stream(SseHandler handler) implements Next {}

  record Upgrade(WsListener listener) implements Next {}

  private final Routes routes;

  Dispatcher(Routes routes) {
    this.routes = routes;
  }

  Next dispatch(Context ctx) {
    List<String> path = PathPattern.split(ctx.path());
    String method = ctx.method();
    Next next = new Answer();
    try {
      for (Routes.Filter filter : routes.filters) {
        if (filter.matches(ctx.path())) {
          filter.handler().handle(ctx);
        }
      }
      next = route(ctx, method, path);
    } catch (Exception e) {
      next = new Answer();
      map(e, ctx);
    }
    if (next instanceof Answer) {
      answered(ctx);
    }
    return next;
  }

  private Next route(Context ctx, String method, List<String> path) throws Exception {
    if (method.equals("GET")) {
      for (Routes.Socket socket : routes.sockets) {
        Map<String, String> params = socket.path().match(path);
        if (params != null) {
          ctx.pathParams(params);
          if (!upgradeRequested(ctx)) {
            throw new HttpStatusException(426, "a WebSocket endpoint: connect with Upgrade: websocket");
          }
          socket.beforeUpgrade().handle(ctx);
          return new Upgrade(socket.listener());
        }
      }
      for (Routes.Stream stream : routes.streams) {
        Map<String, String> params = stream.path().match(path);
        if (params != null) {
          ctx.pathParams(params);
          return new Stream(stream.handler());
        }
      }
    }
    Routes.@Nullable Route found = find(method, path, ctx);
    if (found == null && method.equals("HEAD")) {
      found = find("GET", path, ctx);
    }
    if (found != null) {
      found.handler().handle(ctx);
      return new Answer();
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (Routes.Route route : routes.routes) {
      if (route.path().match(path) != null) {
        allowed.add(route.method());
        if (route.method().equals("GET")) {
          allowed.add("HEAD");
        }
      }
    }
    if (!routes.sockets.isEmpty() || !routes.streams.isEmpty()) {
      for (Routes.Socket s : routes.sockets) {
        if (s.path().match(path) != null) {
          allowed.add("GET");
        }
      }
      for (Routes.Stream s : routes.streams) {
        if (s.path().match(path) != null) {
          allowed.add("GET");
        }
      }
    }
    if (allowed.isEmpty()) {
      ctx.status(404);
    } else {
      ctx.status(405).header("Allow", String.join(", ", allowed));
    }
    return new Answer();
  }

  private Routes.@Nullable Route find(String method, List<String> path, Context ctx) {
    for (Routes.Route route : routes.routes) {
      if (route.method().equals(method)) {
        Map<String, String> params = route.path().match(path);
        if (params != null) {
          ctx.pathParams(params);
          return route;
        }
      }
    }
    return null;
  }

  static boolean upgradeRequested(Context ctx) {
    Headers h = ctx.head().headers();
    return h.hasToken("Upgrade", "websocket") && h.hasToken("Connection", "upgrade");
  }

  /** The error handler of the status the exchange ended with, if there is one. */
  private void answered(Context ctx) {
    Handler handler = routes.errors.get(ctx.statusCode());
    if (handler != null) {
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        map(e, ctx);
      }
    } else if (ctx.statusCode() == 404 && ctx.result() == null) {
      ctx.status(404).contentType("application/json").result(Status.errorJson("not found"));
    } else if (ctx.statusCode() == 405 && ctx.result() == null) {
      ctx.status(405).contentType("application/json").result(Status.errorJson("method not allowed"));
    }
  }

  /** The closest registered mapper for {@code e}; an {@link HttpStatusException} answers itself. */
  void map(Exception e, Context ctx) {
    Routes.@Nullable Mapper<?> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Routes.Mapper<?> mapper : routes.mappers) {
      int distance = distance(e.getClass(), mapper.type());
      if (distance < bestDistance) {
        best = mapper;
        bestDistance = distance;
      }
    }
    try {
      if (best != null) {
        apply(best, e, ctx);
        return;
      }
    } catch (RuntimeException failed) {
      e = failed;
    }
    if (e instanceof HttpStatusException refusal) {
      ctx.status(refusal.status()).contentType("application/json").result(Status.errorJson(String.valueOf(refusal.getMessage())));
      return;
    }
    // one line, no stack: the message says what failed, the answer says nothing of the inside
    LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
    ctx.status(500).contentType("application/json").result(Status.errorJson("internal server error"));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Exception> void apply(Routes.Mapper<T> mapper, Exception e, Context ctx) {
    mapper.handler().handle((T) e, ctx);
  }

  private static int distance(Class<?> thrown, Class<?> type) {
    int d = 0;
    for (Class<?> c = thrown; c != null; c = c.getSuperclass()) {
      if (c == type) {
        return d;
      }
      d++;
    }
    return Integer.MAX_VALUE;
  }
}
