package dev.refit.fleet.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.swarm.EngineSwarmApi;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.image.ImageReference;
import dev.refit.pipeline.PipelineEnds;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.Applier;
import dev.refit.rollout.JournalKind;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.RolloutResult;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.rollout.container.SelfUpdateHelpers;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.StateLock;
import dev.refit.store.UpdateHistory;
import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own container or Swarm service on its engine, replaced through the same rollout as
 * any target: a container is handed to the self-update helper from the new image (recreate,
 * health gate, rollback: see {@code rollout.container.SelfUpdate}); a service gets a service
 * update, which Swarm rolls back itself when the new task fails.
 */
public final class EngineDeployment implements OwnDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(EngineDeployment.class);
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);
  private static final int HISTORY_DEPTH = 50;

  private final PipelineFactory pipelines;
  private final PipelineEnds ends;
  private final DockerEngine engine;
  private final Database database;
  /** The container this process handed to a self-update helper, watched until it is stopped. */
  private volatile @Nullable String handedToHelper;

  public EngineDeployment(PipelineFactory pipelines, PipelineEnds ends, DockerEngine engine, Database database) {
    this.pipelines = pipelines;
    this.ends = ends;
    this.engine = engine;
    this.database = database;
  }

  @Override
  public Optional<Self> self() {
    return target().map(t -> new Self(t.name(), t.image()));
  }

  /** The service this agent's task belongs to when there is one (Swarm updates it), else its container. */
  private Optional<Target> target() {
    Set<String> ids = ends.selfIds();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    Optional<Target> service =
        pipelines.inventory(false).discover().stream()
            .filter(t -> t.kind() == TargetKind.SERVICE && ids.contains(t.id()))
            .findFirst();
    if (service.isPresent()) {
      return service;
    }
    // not filtered by opt-in: the agent upgrades itself whether or not it watches itself
    return SelfContainer.detect().flatMap(id -> new DockerContainerDiscovery(engine, false).find(id));
  }

  @Override
  public Replacement replace(Self self, String image) {
    Target target =
        target()
            .filter(t -> t.name().equals(self.targetName()))
            .orElseThrow(() -> new IllegalStateException("this agent's " + self.targetName() + " is gone"));
    if (target.kind() == TargetKind.SERVICE) {
      rollBackOnFailure(target.id());
    }
    ImageReference from = ImageReference.parse(target.image());
    ImageReference to = ImageReference.parse(image);
    UpdateKind kind = from.withoutDigest().equals(to.withoutDigest()) ? UpdateKind.DIGEST : UpdateKind.TAG;
    CheckResult check =
        new CheckResult(
            target, from, null, "agent-upgrade", CheckStatus.UPDATE_AVAILABLE,
            new AvailableUpdate(kind, to, to.digest()), null);
    List<RolloutResult> results;
    // the same lock as every cycle: no cycle of this agent races its own replacement
    try (StateLock lock = StateLock.acquire(database.directory(), LOCK_WAIT, pipelines.clock(), () -> {})) {
      results =
          pipelines.rollout(database, "fleet")
              .apply(List.of(new UpdatePlan(check, Decision.APPLY, null)), RolloutListener.none());
    }
    RolloutResult r = results.get(0);
    if (r.outcome() == RolloutOutcome.HANDED_OVER && target.kind() == TargetKind.CONTAINER) {
      handedToHelper = target.name();
    }
    Replacement.Kind outcome =
        r.outcome() == RolloutOutcome.HANDED_OVER
            ? Replacement.Kind.HANDED_OVER
            : r.outcome() == RolloutOutcome.APPLIED ? Replacement.Kind.APPLIED : Replacement.Kind.FAILED;
    String message = r.message() == null ? r.outcome().text() : r.outcome().text() + ": " + r.message();
    return new Replacement(outcome, message, r.logTail());
  }

  /**
   * The agent's own service rolls back a failed update: a broken agent image cannot report, and the
   * agent that would ask Swarm for a rollback is the one the update stopped. Swarm's default (and
   * the CLI's) is to pause, which leaves the broken task restarting and the environment silent. Only
   * {@code UpdateConfig} changes here, which replaces no task.
   */
  private void rollBackOnFailure(String serviceId) {
    SwarmApi swarm = new EngineSwarmApi(engine.api(), engine.host());
    ServiceSnapshot service = swarm.service(serviceId);
    ObjectNode spec = service.spec();
    JsonNode update = spec.path("UpdateConfig");
    String was = update.path("FailureAction").asText("");
    if (was.equals("rollback")) {
      return;
    }
    (update.isObject() ? (ObjectNode) update : spec.putObject("UpdateConfig")).put("FailureAction", "rollback");
    swarm.updateService(service.id(), service.version(), spec, Optional.empty());
    LOG.info(
        "service {} now rolls back a failed update (was: {}), so that a broken agent image is undone by Swarm",
        service.name(), was.isEmpty() ? "pause" : was);
  }

  @Override
  public Optional<Replacement> handOverEnded(String targetName) {
    if (!targetName.equals(handedToHelper)) {
      return Optional.empty();
    }
    return new SelfUpdateHelpers(engine)
        .ended(targetName)
        .map(e -> new Replacement(Replacement.Kind.FAILED, e.what() + " before it replaced " + targetName, e.logTail()));
  }

  @Override
  public List<HistoryEntry> history() {
    settleServiceUpdates();
    return new UpdateHistory(database).page(0, HISTORY_DEPTH);
  }

  /**
   * The update of the agent's own service outlives the process that sent it: Swarm stops that
   * process's task on the way, and its journal entry stays open. The agent that runs afterwards
   * (the new image, or the old one Swarm put back) follows Swarm to the end and records the verdict,
   * as the recovery of any killed run does. Only service updates: a container's are the self-update
   * helper's to finish.
   */
  private void settleServiceUpdates() {
    Journal journal = new Journal(database, pipelines.clock());
    if (journal.unfinished().stream().noneMatch(e -> JournalKind.SERVICE_UPDATE.is(e.kind()))) {
      return;
    }
    List<Applier> services =
        ends.appliers(journal).stream().filter(a -> a.kind() == TargetKind.SERVICE).toList();
    try (StateLock lock = StateLock.acquire(database.directory(), LOCK_WAIT, pipelines.clock(), () -> {})) {
      new Rollout(services, journal, new UpdateHistory(database), "fleet", pipelines.clock()).recover();
    }
  }
}
