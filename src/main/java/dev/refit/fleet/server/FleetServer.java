package dev.refit.fleet.server;

import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.host.LocalEnvironment;
import dev.refit.server.RouteGroup;
import dev.refit.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The fleet side of {@code refit serve}, put together: the stores in the server's database, the
 * hub, the agents' WebSocket and the REST routes, and the timer that notices silent agents.
 * Campaigns and the UI take {@link #dispatch()} and {@link #directory()} from here.
 */
public final class FleetServer implements AutoCloseable {
  private final FleetHub hub;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "refit-fleet-heartbeats");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param local the server's own engine as environment {@code local}, or null when turned off
   */
  public FleetServer(
      Database database, @Nullable LocalEnvironment local, FleetSettings settings, Clock clock) {
    this.hub = FleetHub.create(HubStores.sql(database), local, settings, clock);
  }

  /** Starts watching heartbeats; the routes serve from when the HTTP server starts. */
  public void start() {
    long millis = Math.max(200, hub.settings().heartbeat().toMillis() / 2);
    timer.scheduleWithFixedDelay(hub::checkHeartbeats, millis, millis, TimeUnit.MILLISECONDS);
  }

  public List<RouteGroup> routes() {
    return List.of(new FleetEndpoint(hub), new FleetRoutes(hub));
  }

  public FleetDispatch dispatch() {
    return hub;
  }

  public FleetDirectory directory() {
    return hub;
  }

  public FleetHub hub() {
    return hub;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    hub.closeAll();
  }
}
