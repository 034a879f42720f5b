package dev.refit.testing;

import dev.refit.server.ApiError;
import dev.refit.server.RouteGroup;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/**
 * API routes served on loopback for unit tests of what calls them (CLI clients, routes), with the
 * daemon's error form ({@code {"error": "..."}}) and without its authentication.
 */
public final class LoopbackApi implements AutoCloseable {
  private final Javalin app;

  private LoopbackApi(Javalin app) {
    this.app = app;
  }

  public static LoopbackApi serve(List<RouteGroup> groups) {
    Javalin app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  groups.forEach(g -> g.addTo(cfg.routes));
                  cfg.routes.exception(
                      ApiError.class,
                      (e, ctx) ->
                          ctx.status(e.status())
                              .contentType("application/json")
                              .result("{\"error\":" + quote(String.valueOf(e.getMessage())) + "}"));
                })
            .start("127.0.0.1", 0);
    return new LoopbackApi(app);
  }

  public String base() {
    return "http://127.0.0.1:" + app.port();
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
    app.stop();
  }
}
