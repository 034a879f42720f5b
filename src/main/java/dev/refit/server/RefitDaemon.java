package dev.refit.server;

import dev.refit.config.RefitConfig;
import dev.refit.config.ServeSettings;
import dev.refit.docker.DockerEngine;
import dev.refit.http.server.Routes;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.server.ui.CampaignControl;
import dev.refit.server.ui.FleetControl;
import dev.refit.server.ui.WebUi;
import dev.refit.server.webhook.Webhooks;
import dev.refit.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refit serve}: one long-running process that feeds every trigger (schedule, Docker events,
 * webhooks, API, approvals) into the one pipeline ({@link DaemonCore}), one cycle at a time, and
 * answers the API, with the routes of the features wired around it (the fleet, campaigns).
 */
public final class RefitDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefitDaemon.class);

  private final DaemonCore core;
  private final ApiServer api;
  private final ServeSettings serve;
  private int port;

  /**
   * @param pipelines builds the pipeline every trigger feeds, from its configuration
   * @param events the engine whose container starts trigger checks (when {@code docker.events} is
   *     on), or {@code null} for none; owned by the caller
   */
  public RefitDaemon(PipelineFactory pipelines, DockerEngine events, Database database) {
    this(new DaemonCore(pipelines, events, database), List.of());
  }

  /**
   * @param core the pipeline and its triggers; this daemon starts and closes it
   * @param groups routes of features built around the core (fleet, campaigns), beside the API's
   */
  public RefitDaemon(DaemonCore core, List<RouteGroup> groups) {
    this(core, groups, FleetControl.none(), CampaignControl.none());
  }

  /**
   * @param fleet the fleet's environments and commands for the web UI (the API has its own routes)
   * @param campaigns the campaigns for the web UI
   */
  public RefitDaemon(DaemonCore core, List<RouteGroup> groups, FleetControl fleet, CampaignControl campaigns) {
    this.core = core;
    RefitConfig config = core.config();
    this.serve = config.serve();
    Webhooks webhooks =
        new Webhooks(
            config.webhooks(),
            (images, trigger) -> core.submit(CycleRequest.images(images, trigger)),
            (image, tag, trigger) -> core.submit(CycleRequest.deploy(image, tag, trigger)),
            core.clock());
    WebUi ui = new WebUi(core.localHost(), fleet, campaigns, new ApiLogin(new ApiAuth(config.serve()), config.serve()), core.clock());
    List<RouteGroup> routes = new ArrayList<>(groups);
    routes.add(core.rollbackRoutes());
    routes.add(
        new RouteGroup() {
          @Override
          public void addTo(Routes r) {
            ui.addTo(r);
          }

          @Override
          public void stop() {
            ui.stop();
          }
        });
    this.api = new ApiServer(config.serve(), core.services(webhooks), routes);
    Exposure.anonymousBeyondLoopback(config.serve()).ifPresent(LOG::warn);
    if (!config.serve().hasCredentials() && !config.serve().anonymous()) {
      LOG.warn("the API has no credentials configured: /api answers 401 until serve.token or serve.username/password is set");
    }
  }

  /** The start-up warning for an anonymous API reachable beyond this host, if it is. */
  public Optional<String> exposureWarning() {
    return Exposure.anonymousBeyondLoopback(serve);
  }

  /** Starts listening and every trigger; returns the HTTP port. */
  public int start() {
    port = api.start();
    core.start();
    return port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    api.close();
    core.close();
  }
}
