package dev.refit.server;

import dev.refit.config.ConfigPrinter;
import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.pipeline.PipelineOptions;
import dev.refit.pipeline.TargetReport;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running pipeline without its HTTP side: one cycle at a time, fed by the schedule, Docker
 * events and approvals, remembering what each target last looked like. {@code refit serve} puts the
 * API in front of it ({@link RefitDaemon}); {@code refit agent} puts the fleet connection in front
 * of it instead, so an agent runs exactly the pipeline a server does.
 */
public final class DaemonCore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonCore.class);
  private static final int RECENT_OUTCOMES = 200;

  private final RefitConfig config;
  private final CycleRunner cycles;
  private final ScheduleTrigger schedule;
  private final DockerEventsTrigger events;
  private final ApprovalWatcher approvalWatcher;
  private final TargetStates states = new TargetStates();
  private final RefitMetrics metrics = new RefitMetrics(states);
  private final Notifiers notifiers;
  private final Approvals approvals;
  private final ApprovalDecisions decisions;
  private final UpdateHistory history;
  private final Clock clock;
  private final String engineHost;
  private final String engineVersion;

  /**
   * @param pipelines builds the pipeline every trigger feeds, from its configuration
   * @param events the engine whose container starts trigger checks (when {@code docker.events} is
   *     on), or {@code null} for none; owned by the caller
   */
  public DaemonCore(PipelineFactory pipelines, DockerEngine events, Database database) {
    this.config = pipelines.config();
    this.clock = pipelines.clock();
    this.engineHost = events != null ? events.host() : config.dockerHost() != null ? config.dockerHost() : "(default)";
    this.engineVersion = events != null ? events.version() : null;
    this.notifiers = pipelines.notifiers(metrics::delivery);
    this.approvals = new Approvals(database, clock);
    this.history = new UpdateHistory(database);
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
    this.decisions = new ApprovalDecisions(approvals, approvalWatcher, cycles);
    cycles.onReport(states::update);
    cycles.onReport(metrics::cycle);
    cycles.onReport(
        report -> {
          if (report.retryAt() != null) {
            schedule.wakeUpAt(report.retryAt());
          }
        });
  }

  public RefitConfig config() {
    return config;
  }

  /**
   * Queues a cycle, merged with any other not yet started.
   *
   * @return completes with the report of the cycle that covers the request
   */
  public CompletableFuture<CycleReport> submit(CycleRequest request) {
    return cycles.submit(request);
  }

  /** Told of every finished cycle, on the cycle thread; must not throw. */
  public void onReport(Consumer<CycleReport> listener) {
    cycles.onReport(listener);
  }

  /** Every target as its last cycle saw it, by name. */
  public List<TargetReport> targets() {
    return states.all();
  }

  /**
   * The newest history entry per target (among the last 200 attempts: plenty for that), since a
   * later check's report no longer carries the outcome of an earlier apply.
   */
  public Map<String, HistoryEntry> lastOutcomes() {
    return HistoryEntry.newestPerTarget(history.page(0, RECENT_OUTCOMES));
  }

  /** The last cycle that ran, or {@code null} before the first. */
  public CycleReport lastCycle() {
    return states.lastCycle();
  }

  /**
   * Approves a pending update and queues a cycle for its target, which applies it when its
   * minimum age and window allow (the same as the API's approve).
   *
   * @throws IllegalArgumentException when there is no such approval or it was already decided
   */
  public dev.refit.store.Approval approve(long id, String decidedBy) {
    try {
      return decisions.decide(id, true, decidedBy);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Starts the cycle thread and every trigger. */
  public void start() {
    cycles.start();
    if (events != null) {
      events.start();
    }
    approvalWatcher.start(2000);
    schedule.start();
  }

  ApiServer.Services services(dev.refit.server.webhook.Webhooks webhooks) {
    return new ApiServer.Services(cycles, states, history, approvals, decisions, webhooks, metrics);
  }

  /** The web UI's view of this engine (the environment {@code local}), over the API's services. */
  LocalHostControl localHost() {
    Path state = config.stateDir() != null ? config.stateDir() : Path.of("(default)");
    return new LocalHostControl(
        cycles, states, history, decisions, () -> ConfigPrinter.render(config, engineHost, state), engineVersion);
  }

  Clock clock() {
    return clock;
  }

  /** {@code POST /api/targets/{name}/rollback}, over this core's history and cycles. */
  RouteGroup rollbackRoutes() {
    return new RollbackRoutes(history, cycles);
  }

  @Override
  public void close() {
    schedule.close();
    if (events != null) {
      events.close();
    }
    approvalWatcher.close();
    cycles.close();
    notifiers.close();
  }
}
