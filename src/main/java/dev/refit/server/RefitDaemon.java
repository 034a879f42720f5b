package dev.refit.server;

import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.notify.Notifiers;
import dev.refit.pipeline.ContainerInventory;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.RegistryTargetChecker;
import dev.refit.plan.MonitorOnly;
import dev.refit.plan.OwnContainer;
import dev.refit.registry.RegistryClient;
import dev.refit.rollout.Applier;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.Sleeper;
import dev.refit.rollout.container.ContainerRecreateApplier;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.store.Journal;
import dev.refit.store.StateLock;
import java.time.Duration;
import java.util.function.Function;
import dev.refit.pipeline.TargetChecker;
import dev.refit.pipeline.TargetInventory;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.plan.UpdateGates;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.DockerConfigCredentials;
import dev.refit.server.webhook.Webhooks;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.Sightings;
import dev.refit.store.UpdateHistory;
import dev.refit.target.DockerContainerDiscovery;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
  private int port;

  /**
   * @param engine the Docker engine whose containers are targets (owned by the caller)
   */
  public RefitDaemon(
      RefitConfig config, Map<String, String> environment, DockerEngine engine, Database database, Clock clock) {
    this(
        config,
        environment,
        new ContainerInventory(new DockerContainerDiscovery(engine, config.optInOnly())),
        checker(config, environment, engine),
        journal -> List.of(containerApplier(config, environment, engine, journal, clock)),
        config.schedule().dockerEvents() ? engine : null,
        database,
        clock);
  }

  /**
   * @param appliers the appliers for one cycle, writing to the given journal
   * @param events the engine whose container starts trigger checks, or {@code null} for none
   */
  RefitDaemon(
      RefitConfig config,
      Map<String, String> environment,
      TargetInventory inventory,
      TargetChecker checker,
      Function<Journal, List<Applier>> appliers,
      DockerEngine events,
      Database database,
      Clock clock) {
    TargetStates states = new TargetStates();
    RefitMetrics metrics = new RefitMetrics(states);
    this.notifiers = Notifiers.from(config.notifiers(), environment, metrics::delivery);
    Approvals approvals = new Approvals(database, clock);
    UpdateHistory history = new UpdateHistory(database);
    Journal journal = new Journal(database, clock);
    UpdatePipeline pipeline =
        new UpdatePipeline(
            inventory,
            checker,
            new UpdateGates(config.gates(), config.schedule().zone(), new Sightings(database), approvals),
            // a long-running Refit may update its own container (through its helper)
            List.of(new MonitorOnly(false), new OwnContainer(SelfContainer.detect(), true)),
            trigger -> new Rollout(appliers.apply(journal), journal, history, trigger, clock),
            () ->
                StateLock.acquire(
                    database.file().getParent(),
                    Duration.ofMinutes(30),
                    clock,
                    () -> LOG.info("another Refit is updating containers; this cycle waits for it")),
            approvals,
            notifiers,
            clock,
            hostname(environment));
    this.cycles = new CycleRunner(pipeline);
    this.schedule = new ScheduleTrigger(config.schedule(), cycles::submit, clock);
    this.events = events == null ? null : new DockerEventsTrigger(events, cycles::submit);
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
    this.api =
        new ApiServer(
            config.serve(),
            new ApiServer.Services(cycles, states, history, approvals, approvalWatcher, webhooks, metrics));
    if (!config.serve().hasCredentials() && !config.serve().anonymous()) {
      LOG.warn("the API has no credentials configured: /api answers 401 until serve.token or serve.username/password is set");
    }
  }

  /** A fresh applier per cycle: its registry client's state (tokens, failures) lasts one cycle. */
  private static Applier containerApplier(
      RefitConfig config, Map<String, String> environment, DockerEngine engine, Journal journal, Clock clock) {
    CredentialStore credentials = credentials(config, environment);
    return new ContainerRecreateApplier(
        engine,
        RegistryClient.create(config.registry(), credentials),
        credentials,
        journal,
        config.update(),
        PausePoint.fromEnvironment(environment),
        SelfContainer.detect(),
        clock,
        Sleeper.system());
  }

  private static CredentialStore credentials(RefitConfig config, Map<String, String> environment) {
    return CredentialStore.firstOf(
        List.of(
            config.credentials(),
            DockerConfigCredentials.load(DockerConfigCredentials.defaultDirectory(environment))));
  }

  private static TargetChecker checker(RefitConfig config, Map<String, String> environment, DockerEngine engine) {
    return new RegistryTargetChecker(
        config.registry(),
        credentials(config, environment),
        new PolicyResolver(new PolicyDefaults(config.versionTagLevel())),
        engine.platform(),
        config.checkParallelism());
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

  static String hostname(Map<String, String> environment) {
    String fromEnv = environment.get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
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
