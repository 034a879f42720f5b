package dev.refit.server;

import dev.refit.http.server.Routes;

/**
 * Routes a feature adds to the daemon's one HTTP server (fleet, campaigns, web UI). Each feature
 * keeps its handlers in its own class and registers them here, so {@link ApiServer} does not grow
 * with every feature and they share its authentication, error mapping and limits.
 */
public interface RouteGroup {
  /** Adds this group's routes; paths under {@code /api/} pass the API's authentication first. */
  void addTo(Routes routes);

  /**
   * Called before the HTTP server stops: requests this group holds open (event streams) are ended
   * here, so nothing is sent to them afterwards (the server would close them anyway).
   */
  default void stop() {}
}
