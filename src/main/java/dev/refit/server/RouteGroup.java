package dev.refit.server;

import io.javalin.config.RoutesConfig;

/**
 * Routes a feature adds to the daemon's one HTTP server (fleet, campaigns, web UI). Each feature
 * keeps its handlers in its own class and registers them here, so {@link ApiServer} does not grow
 * with every feature and they share its authentication, error mapping and limits.
 */
public interface RouteGroup {
  /** Adds this group's routes; paths under {@code /api/} pass the API's authentication first. */
  void addTo(RoutesConfig routes);

  /**
   * Called before the HTTP server stops: requests this group holds open (event streams) are ended
   * here, while Jetty still owns them. One ended after the server stopped makes Javalin handle a
   * recycled request, which it does by throwing in a loop for the rest of the process.
   */
  default void stop() {}
}
