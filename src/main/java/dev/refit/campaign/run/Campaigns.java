package dev.refit.campaign.run;

import dev.refit.fleet.server.FleetDirectory;
import dev.refit.fleet.server.FleetDispatch;
import dev.refit.server.RouteGroup;
import dev.refit.store.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * Campaigns in a running server, for its wiring (the serve command): the runner, resumed and
 * listening to the fleet, and its routes for the API server. One line where the fleet is built:
 * {@code Campaigns campaigns = Campaigns.start(database, hub, hub, clock);} then {@code
 * campaigns.routes()} among the route groups, and {@code campaigns.close()} on shutdown.
 */
public final class Campaigns implements AutoCloseable {
  /** Soaks and deadlines are minutes long: a second's lateness is nothing, and costs nothing idle. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final CampaignRunner runner;
  private final CampaignRoutes routes;

  private Campaigns(CampaignRunner runner) {
    this.runner = runner;
    this.routes = new CampaignRoutes(runner);
  }

  public static Campaigns start(Database database, FleetDispatch fleet, FleetDirectory directory, Clock clock) {
    CampaignRunner runner = CampaignRunner.create(new CampaignStore(database), fleet, directory, clock);
    runner.start(TICK);
    return new Campaigns(runner);
  }

  /** The Java service the web UI reads (the same the API answers from). */
  public CampaignRunner runner() {
    return runner;
  }

  public RouteGroup routes() {
    return routes;
  }

  @Override
  public void close() {
    runner.close();
  }
}
