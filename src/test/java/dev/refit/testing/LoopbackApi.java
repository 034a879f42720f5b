package dev.refit.testing;

import dev.refit.http.server.Handshaker;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import dev.refit.server.ApiError;
import dev.refit.server.RouteGroup;
import java.util.List;
import java.util.Map;

/**
 * API routes served on loopback for unit tests of what calls them (CLI clients, routes), with the
 * daemon's error form ({@code {"error": "..."}}) and without its authentication.
 */
public final class LoopbackApi implements AutoCloseable {
  private final HttpServer server;
  private final int port;

  private LoopbackApi(HttpServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LoopbackApi serve(List<RouteGroup> groups) {
    Routes routes = new Routes();
    groups.forEach(g -> g.addTo(routes));
    routes.exception(
        ApiError.class,
        (e, ctx) ->
            ctx.status(e.status())
                .contentType("application/json")
                .result("{\"error\":" + quote(String.valueOf(e.getMessage())) + "}"));
    HttpServer server = new HttpServer(routes, ServerLimits.defaults(), Handshaker.PLAIN);
    return new LoopbackApi(server, server.start("127.0.0.1", 0));
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** What {@code refit fleet} and {@code refit campaign} read to find this server. */
  public Map<String, String> cliEnvironment() {
    return Map.of("REFIT_SERVER", base(), "REFIT_TOKEN", "t");
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    server.close();
  }
}
