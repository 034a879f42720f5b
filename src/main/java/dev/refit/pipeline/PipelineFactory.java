package dev.refit.pipeline;

import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.notify.Delivery;
import dev.refit.notify.Notifiers;
import dev.refit.plan.ImagesThatDidNotStick;
import dev.refit.plan.MonitorOnly;
import dev.refit.plan.OwnContainer;
import dev.refit.plan.UpdateGates;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.Journal;
import dev.refit.store.Sightings;
import dev.refit.store.StateLock;
import dev.refit.store.UpdateHistory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The composition root: builds the pipeline (inventory, check, plan, rollout, record) from the
 * configuration, once, for every front door. {@code refit check} takes its inventory and checker;
 * {@code refit update} and {@code refit serve} take the whole {@link UpdatePipeline}. What differs
 * between them is in {@link PipelineOptions} and in the {@link CycleRequest}s they send, never in
 * how the pipeline is put together.
 */
public final class PipelineFactory {
  private final RefitConfig config;
  private final Map<String, String> environment;
  private final PipelineEnds ends;
  private final Clock clock;

  /** @param ends the targets' kinds: inventory, checker and appliers (fakes in tests) */
  public PipelineFactory(RefitConfig config, Map<String, String> environment, PipelineEnds ends, Clock clock) {
    this.config = config;
    this.environment = Map.copyOf(environment);
    this.ends = ends;
    this.clock = clock;
  }

  /** The pipeline over one Docker Engine's containers and Swarm services. */
  public static PipelineFactory forEngine(
      RefitConfig config, Map<String, String> environment, DockerEngine engine, Clock clock) {
    return new PipelineFactory(config, environment, new EngineEnds(config, environment, engine, clock), clock);
  }

  public RefitConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  /** @param includeStopped also containers that are not running ({@code refit check --all}) */
  public TargetInventory inventory(boolean includeStopped) {
    return ends.inventory(includeStopped);
  }

  public TargetChecker checker() {
    return ends.checker();
  }

  /** The configured notifiers; the caller closes them, which waits for deliveries under way. */
  public Notifiers notifiers(Consumer<Delivery> listener) {
    return Notifiers.from(config.notifiers(), environment, listener);
  }

  /**
   * The rollout step alone, with an applier per target kind, recording in the history under
   * {@code trigger}.
   */
  public Rollout rollout(Database database, String trigger) {
    Journal journal = new Journal(database, clock);
    return new Rollout(
        ends.appliers(journal), journal, new UpdateHistory(database), trigger, clock,
        config.update().parallelism());
  }

  /** The whole pipeline, on the state in {@code database}, announcing to {@code notifiers}. */
  public UpdatePipeline pipeline(Database database, Notifiers notifiers, PipelineOptions options) {
    Approvals approvals = new Approvals(database, clock);
    return new UpdatePipeline(
        ends.inventory(false),
        ends.checker(),
        new UpdateGates(
            config.gates(),
            config.schedule().zone(),
            new Sightings(database),
            approvals,
            new ImagesThatDidNotStick(new UpdateHistory(database))),
        List.of(
            new MonitorOnly(options.monitorOnly()),
            new OwnContainer(SelfContainer.detect(), options.longRunning())),
        trigger -> rollout(database, trigger),
        () ->
            StateLock.acquire(
                database.directory(), options.lockWait(), clock, options.onLockWait()),
        new CycleRecorder(notifiers, approvals, clock, hostname(environment)),
        clock,
        options.dryRun());
  }

  /** The machine Refit runs on, as notifications name it. */
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
}
