package dev.refit.server;

import dev.refit.config.ConfigPrinter;
import dev.refit.config.RefitConfig;
import dev.refit.config.ServeSettings;
import dev.refit.docker.DockerEngine;
import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.pipeline.PipelineOptions;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.server.ui.WebUi;
import dev.refit.server.webhook.Webhooks;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.UpdateHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code refit serve}: one long-running process that feeds every trigger (schedule, Docker events,
 * webhooks, API, approvals) into the one pipeline, one cycle at a time, and answers the API.
 */
public final class RefitDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefitDaemon.class);

  private final CycleRunner cycles;
  private final ScheduleTrigger schedule;
  private final DockerEventsTrigger events;
  private final ApprovalWatcher approvalWatcher;
  private final ApiServer api;
  private final Notifiers notifiers;
  private final ServeSettings serve;
  private int port;

  /**
   * @param pipelines builds the pipeline every trigger feeds, from its configuration
   * @param events the engine whose container starts trigger checks (when {@code docker.events} is
   *     on), or {@code null} for none; owned by the caller
   */
  public RefitDaemon(PipelineFactory pipelines, DockerEngine events, Database database) {
    RefitConfig config = pipelines.config();
    this.serve = config.serve();
    Clock clock = pipelines.clock();
    TargetStates states = new TargetStates();
    RefitMetrics metrics = new RefitMetrics(states);
    this.notifiers = pipelines.notifiers(metrics::delivery);
    Approvals approvals = new Approvals(database, clock);
    UpdateHistory history = new UpdateHistory(database);
    UpdatePipeline pipeline =
        pipelines.pipeline(
            database,
            notifiers,
            // a long-running Refit may update its own container (through its helper); it waits
            // long for a `refit update` run by hand, which may be rolling out many targets
            PipelineOptions.builder()
                .longRunning(true)
                .lockWait(
                    Duration.ofMinutes(30),
                    () -> LOG.info("another Refit is updating; this cycle waits for it"))
                .build());
    this.cycles = new CycleRunner(pipeline);
    this.schedule = new ScheduleTrigger(config.schedule(), cycles::submit, clock);
    this.events =
        events == null || !config.schedule().dockerEvents() ? null : new DockerEventsTrigger(events, cycles::submit);
    this.approvalWatcher = new ApprovalWatcher(approvals, cycles::submit);
    cycles.onReport(states::update);
    cycles.onReport(metrics::cycle);
    cycles.onReport(
        report -> {
          if (report.retryAt() != null) {
            schedule.wakeUpAt(report.retryAt());
          }
        });
    Webhooks webhooks =
        new Webhooks(config.webhooks(), (images, trigger) -> cycles.submit(CycleRequest.images(images, trigger)));
    ApprovalDecisions decisions = new ApprovalDecisions(approvals, approvalWatcher, cycles);
    WebUi ui =
        new WebUi(
            new LocalHostControl(cycles, states, history, decisions, effectiveConfig(config, events)),
            new ApiLogin(new ApiAuth(config.serve()), config.serve()),
            clock);
    this.api =
        new ApiServer(
            config.serve(),
            new ApiServer.Services(cycles, states, history, approvals, decisions, webhooks, metrics),
            List.of(ui::addTo));
    Exposure.anonymousBeyondLoopback(config.serve()).ifPresent(LOG::warn);
    if (!config.serve().hasCredentials() && !config.serve().anonymous()) {
      LOG.warn("the API has no credentials configured: /api answers 401 until serve.token or serve.username/password is set");
    }
  }

  /** What the UI's Settings page shows: the configuration as {@code refit config} prints it, secrets masked. */
  private static String effectiveConfig(RefitConfig config, DockerEngine engine) {
    String host = engine != null ? engine.host() : config.dockerHost() != null ? config.dockerHost() : "(default)";
    Path state = config.stateDir() != null ? config.stateDir() : Path.of("(default)");
    return ConfigPrinter.render(config, host, state);
  }

  /** The start-up warning for an anonymous API reachable beyond this host, if it is. */
  public Optional<String> exposureWarning() {
    return Exposure.anonymousBeyondLoopback(serve);
  }

  /** Starts listening and every trigger; returns the HTTP port. */
  public int start() {
    port = api.start();
    cycles.start();
    if (events != null) {
      events.start();
    }
    approvalWatcher.start(2000);
    schedule.start();
    return port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    schedule.close();
    if (events != null) {
      events.close();
    }
    approvalWatcher.close();
    api.close();
    cycles.close();
    notifiers.close();
  }
}
