package dev.refit.rollout.container;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.UpdateKind;
import dev.refit.compose.ComposeChange;
import dev.refit.compose.ComposeCli;
import dev.refit.compose.ComposeSync;
import dev.refit.config.UpdateSettings;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineMessages;
import dev.refit.image.Digest;
import dev.refit.plan.UpdatePlan;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.rollout.Applier;
import dev.refit.rollout.DependencyGraph;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.RolloutResult;
import dev.refit.rollout.Sleeper;
import dev.refit.rollout.container.ImagePuller.PulledImage;
import dev.refit.rollout.container.RecreationPlan.Member;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.RefitLabels;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates standalone containers by recreating them: pull the new image (verified by digest), run
 * the pre-update hook, then {@link Recreation} (rename aside, create, stop, start, readiness gate,
 * rollback), together with the containers that share the updated one's namespaces; restart those
 * that link to or depend on it. Refit's own container is handed to a helper ({@link SelfUpdate}).
 */
public final class ContainerRecreateApplier implements Applier {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRecreateApplier.class);
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration HELPER_EXIT_WAIT = Duration.ofSeconds(30);
  /**
   * How long a claim of a Refit on another machine holds (one on this machine ends with its
   * process): longer than any update takes, pull included.
   */
  static final Duration CLAIM_LEASE = Duration.ofHours(1);
  /** The entrypoint of Refit's own image (scripts/image). */
  private static final String REFIT_ENTRYPOINT = "/opt/refit/bin/refit";

  private final String location;
  private final DockerContainerEngine ops;
  private final ImagePuller puller;
  private final RecreationJobs jobs;
  private final Recreation recreation;
  private final JournalRecovery recovery;
  private final SelfUpdate selfUpdate;
  private final TargetClaims claims;
  private final OrphanRepair orphans;
  private final Hooks hooks;
  private final ComposeSync compose;
  private final BackupPlanner backups;
  private final VolumeSnapshots snapshots;
  private final Journal journal;
  private final UpdateSettings settings;
  private final Optional<String> selfId;
  private final Clock clock;

  /**
   * @param selfId the container this Refit runs in (see {@link SelfContainer#detect()}), if any
   */
  public ContainerRecreateApplier(
      DockerEngine engine,
      RegistryClient registry,
      CredentialStore credentials,
      Journal journal,
      UpdateSettings settings,
      PausePoint pause,
      Optional<String> selfId,
      Clock clock,
      Sleeper sleeper) {
    this.location = engine.host();
    this.ops = new DockerContainerEngine(engine.api());
    this.puller = new ImagePuller(engine.api(), registry, credentials, PULL_TIMEOUT);
    this.jobs = new RecreationJobs(ops, new ConfigCopy(engine.hostName()), location);
    this.hooks = new Hooks(engine.api(), settings.hookTimeout());
    this.compose =
        new ComposeSync(new ComposeCli(engine.host(), System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    this.recreation =
        new Recreation(
            ops, journal, pause, new ReadinessChoice(settings, clock, sleeper, POLL), hooks, clock);
    this.selfUpdate = new SelfUpdate(ops, clock, sleeper);
    this.claims =
        new TargetClaims(
            new DockerClaimEngine(engine.api()), ClaimOwner.current(), ClaimOwner::knownGone, clock,
            CLAIM_LEASE);
    this.orphans = new OrphanRepair(ops, claims, journal, location);
    this.journal = journal;
    this.settings = settings;
    this.selfId = selfId.filter(id -> ops.find(id).isPresent());
    this.recovery = new JournalRecovery(ops, journal, this.selfId);
    this.backups = new BackupPlanner(ops, settings, this::ownImage, clock);
    this.snapshots = new VolumeSnapshots(ops);
    this.clock = clock;
  }

  /**
   * The image this Refit runs in, when it is Refit's own image (its busybox copies volume data):
   * known by its entrypoint, as scripts/image builds it.
   */
  private Optional<String> ownImage() {
    try {
      return selfId.flatMap(ops::find)
          .map(ContainerInfo::imageId)
          .filter(id -> ops.api().inspectImage(id).path("Config").path("Entrypoint").path(0).asText()
              .equals(REFIT_ENTRYPOINT));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The journal kind of container updates. */
  public static String journalKind() {
    return Recreation.JOURNAL_KIND.stored();
  }

  @Override
  public TargetKind kind() {
    return TargetKind.CONTAINER;
  }

  /**
   * Containers that depend on each other in one group, dependencies first, and the services of one
   * Compose project in one group (their updates edit the same files); Refit's own container
   * in a group of its own, listed last: its helper replaces it only once this run released the
   * state lock, so every other update, in flight beside the hand-over, ends first. A dependency
   * cycle (two {@code refit.depends-on} labels naming each other) is logged: that group goes in
   * the given order.
   */
  @Override
  public List<DependencyGraph.Group<UpdatePlan>> groups(List<UpdatePlan> plans) {
    List<ContainerInfo> containers = jobs.inventory();
    ContainerDependencies dependencies = ContainerDependencies.of(containers);
    List<UpdatePlan> others =
        plans.stream().filter(p -> selfId.isEmpty() || !p.target().id().equals(selfId.get())).toList();
    List<DependencyGraph.Group<UpdatePlan>> groups =
        new ArrayList<>(
            ComposeProjectLanes.join(dependencies.graph().groups(others, p -> p.target().id()), containers));
    plans.stream()
        .filter(p -> !others.contains(p))
        .forEach(p -> groups.add(new DependencyGraph.Group<>(List.of(p), List.of())));
    for (DependencyGraph.Group<UpdatePlan> group : groups) {
      if (!group.cycle().isEmpty()) {
        LOG.warn(
            "containers depend on each other in a cycle ({}): updating {} one at a time, in the order found",
            String.join(" -> ", group.cycle().stream().map(dependencies::nameOf).toList()),
            String.join(", ", group.members().stream().map(p -> p.target().name()).toList()));
      }
    }
    return groups;
  }

  @Override
  public boolean restoresData() {
    return true;
  }

  /**
   * An update, or a rollback; a rollback with data ({@link UpdatePlan#restoreData()}) restores the
   * newest snapshot taken while the container ran the image it goes back to, that is, the one taken
   * just before the update being undone, and is refused, before anything changes, without one.
   */
  @Override
  public RolloutResult apply(UpdatePlan plan, RolloutListener listener) {
    if (!plan.restoreData()) {
      return apply(plan, listener, null);
    }
    Target target = plan.target();
    String toReference = newReference(target.image(), plan.update());
    Optional<VolumeSnapshots.SnapshotSet> kept;
    try {
      kept = snapshots.latestFor(target.name(), toReference);
    } catch (RuntimeException e) {
      return refused(plan, toReference, "cannot list its volume snapshots: " + EngineMessages.of(e));
    }
    if (kept.isEmpty()) {
      return refused(
          plan, toReference,
          "no volume snapshot of " + target.name() + " kept from when it ran " + toReference
              + " (refit.backup=volumes keeps them, refit.backup.keep how many); nothing changed");
    }
    return apply(plan, listener, kept.get());
  }

  private RolloutResult refused(UpdatePlan plan, String toReference, String why) {
    Digest current = plan.check().currentDigest();
    return result(
        plan.target(), RolloutOutcome.FAILED, toReference, current == null ? null : current.toString(),
        plan.update().digest(), why, List.of(), clock.instant());
  }

  /**
   * A rollback with data: recreates the container as {@link #apply(UpdatePlan, RolloutListener)}
   * does (to the plan's image, usually the older one), and once the current container stopped,
   * snapshots its volumes and copies {@code data}'s into them before the new container starts; a
   * failed gate puts the current data back.
   *
   * @param data a kept snapshot set of this container ({@link VolumeSnapshots}), or {@code null}
   */
  public RolloutResult apply(UpdatePlan plan, RolloutListener listener, VolumeSnapshots.SnapshotSet data) {
    Target target = plan.target();
    AvailableUpdate update = plan.update();
    Instant started = clock.instant();
    String toReference = newReference(target.image(), update);
    String fromDigest = plan.check().currentDigest() == null ? null : plan.check().currentDigest().toString();
    Digest wanted = update.digest();
    // Claimed on the engine before anything is touched: another Refit, whatever its state
    // directory or host, skips the container while this one works on it.
    TargetClaims.Claim claim;
    try {
      Optional<String> done = updatedMeanwhile(target, toReference);
      if (done.isPresent()) {
        return result(target, RolloutOutcome.SKIPPED, toReference, fromDigest, wanted, done.get(), List.of(), started);
      }
      TargetClaims.Attempt attempt = claims.claim(target.name(), target.imageId());
      if (attempt instanceof TargetClaims.Taken taken) {
        return result(
            target, RolloutOutcome.SKIPPED, toReference, fromDigest, wanted, taken.busy().describe(),
            List.of(), started);
      }
      claim = ((TargetClaims.Claimed) attempt).claim();
    } catch (RuntimeException e) {
      Optional<String> done = updatedMeanwhile(target, toReference);
      return result(
          target, done.isPresent() ? RolloutOutcome.SKIPPED : RolloutOutcome.FAILED, toReference, fromDigest,
          wanted, done.orElse("cannot claim it for this update: " + EngineMessages.of(e)), List.of(), started);
    }
    try {
      Optional<String> done = updatedMeanwhile(target, toReference);
      if (done.isPresent()) {
        return result(target, RolloutOutcome.SKIPPED, toReference, fromDigest, wanted, done.get(), List.of(), started);
      }
      return applyClaimed(plan, listener, started, toReference, fromDigest, data);
    } finally {
      try {
        claims.release(claim);
      } catch (RuntimeException e) {
        // a stale claim: this process's end, or its lease, frees it for the next Refit
      }
    }
  }

  /**
   * Someone else updated the container between the check and now: its name is held by another
   * container created from the very image this run was about to roll out.
   */
  private Optional<String> updatedMeanwhile(Target target, String toReference) {
    try {
      return ops.find(target.name())
          .filter(c -> !c.id().equals(target.id()) && !c.imageId().equals(target.imageId()))
          .filter(c -> toReference.equals(c.configImage()))
          .map(c -> "updated meanwhile by another Refit: it runs " + toReference + " already");
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private RolloutResult applyClaimed(
      UpdatePlan plan,
      RolloutListener listener,
      Instant started,
      String toReference,
      String fromDigest,
      VolumeSnapshots.SnapshotSet data) {
    Target target = plan.target();
    AvailableUpdate update = plan.update();
    Digest wanted = update.digest();
    try {
      ContainerInfo current = current(target);
      if (!current.name().equals(target.name())) {
        throw new UpdateFailure("is named " + current.name() + " since the check; not touching it");
      }
      preflight(current);
      Map<String, String> labels = current.labels();
      boolean self = selfId.isPresent() && selfId.get().equals(current.id());
      // refused here, before the pull and the pre-update hook, when its data cannot be kept safe
      if (self && data != null) {
        throw new UpdateFailure("Refit's own container has no data to restore");
      }
      BackupPlan backup =
          self ? null : data == null ? backups.plan(current, true) : backups.restoring(current, data.volumes());

      listener.step(target, "pulling " + update.image().familiarForm());
      PulledImage pulled = puller.pull(update.image(), update.digest());
      wanted = pulled.digest();

      if (self) {
        String helper = selfUpdate.handOver(current, pulled.id(), toReference, pulled.digest());
        return result(
            target, RolloutOutcome.HANDED_OVER, toReference, fromDigest, wanted,
            "Refit's own container: helper " + helper + " replaces it", List.of(), started);
      }

      String pre = labels.get(RefitLabels.PRE_UPDATE);
      if (pre != null && !pre.isBlank()) {
        listener.step(target, "running the pre-update hook in " + current.name());
        String problem = hooks.run(current.id(), pre);
        if (problem != null) {
          return result(
              target, RolloutOutcome.FAILED, toReference, fromDigest, wanted,
              "skipped: pre-update hook " + problem, List.of(), started);
        }
      }

      ComposeChange files = compose.plan(labels, current.configImage(), toReference, true);
      Recreation.Job job = jobs.forUpdate(current, toReference, fromDigest, wanted, files, backup);
      Recreation.Outcome outcome = recreation.run(target, job, listener);
      String message = outcome.message();
      if (outcome.outcome() == RolloutOutcome.APPLIED && settings.cleanup()) {
        String removed = removeImage(current.imageId());
        if (removed != null) {
          message = message == null ? removed : message + "; " + removed;
        }
      }
      return result(target, outcome.outcome(), toReference, fromDigest, wanted, message, outcome.logTail(), started);
    } catch (UpdateFailure e) {
      return result(target, RolloutOutcome.FAILED, toReference, fromDigest, wanted, e.getMessage(), e.logTail(), started);
    } catch (RuntimeException e) {
      return result(
          target, RolloutOutcome.FAILED, toReference, fromDigest, wanted, EngineMessages.of(e), List.of(), started);
    }
  }

  @Override
  public List<String> preview(UpdatePlan plan) {
    Target target = plan.target();
    try {
      ContainerInfo current = current(target);
      preflight(current);
      String toReference = newReference(target.image(), plan.update());
      ComposeChange files = compose.plan(current.labels(), current.configImage(), toReference, false);
      BackupPlan backup = backups.plan(current, false);
      Recreation.Job job = jobs.forUpdate(current, toReference, null, plan.update().digest(), files, backup);
      List<String> lines = new ArrayList<>(SpecSummary.lines(job.requests().get(0)));
      if (files.written() != null) {
        lines.add(files.written());
      }
      lines.addAll(files.notes());
      if (backup != null) {
        lines.add(
            "snapshots the volumes " + String.join(", ", backup.snapshots().keySet()) + " once the old"
                + " container stopped (helper image " + backup.helper().image() + ", keeps "
                + backup.keep() + ")");
      }
      List<Member> members = job.plan().members();
      for (int i = 1; i < members.size(); i++) {
        lines.add("recreates " + members.get(i).name() + " (shares its namespace) pointing at the new container");
      }
      if (!job.plan().restart().isEmpty()) {
        lines.add("restarts " + String.join(", ", job.plan().restart()));
      }
      if (selfId.isPresent() && selfId.get().equals(current.id())) {
        lines.add("hands the update of Refit's own container to a helper");
      }
      return lines;
    } catch (UpdateFailure e) {
      return List.of("cannot update: " + e.getMessage());
    } catch (RuntimeException e) {
      return List.of("cannot update: " + EngineMessages.of(e));
    }
  }

  @Override
  public boolean recovers(JournalEntry entry) {
    return Recreation.JOURNAL_KIND.is(entry.kind());
  }

  @Override
  public Optional<RecoveryResult> recover(JournalEntry entry) {
    RecreationPlan plan;
    try {
      plan = RecreationPlan.fromJson(entry.plan());
    } catch (IllegalArgumentException e) {
      journal.finish(entry.id(), UpdateOutcome.BROKEN.name());
      return Optional.of(
          RecoveryResult.of(entry)
              .undone(
                  UpdateOutcome.BROKEN,
                  "the journal entry cannot be read (" + e.getMessage() + "); check the container by hand"));
    }
    Member primary = plan.primary();
    TargetClaims.Claim claim = null;
    try {
      TargetClaims.Attempt attempt = claims.claim(primary.name(), primary.oldImageId());
      if (attempt instanceof TargetClaims.Taken) {
        return Optional.empty(); // a live Refit works on it now; the next run looks again
      }
      claim = ((TargetClaims.Claimed) attempt).claim();
    } catch (RuntimeException e) {
      // the old image is gone, or the engine refused: recover without a claim, as before claims
    }
    try {
      return Optional.of(recovery.recover(entry, plan));
    } finally {
      if (claim != null) {
        try {
          claims.release(claim);
        } catch (RuntimeException e) {
          // freed by this process's end or its lease
        }
      }
    }
  }

  @Override
  public List<RecoveryResult> recoverOrphans() {
    try {
      return orphans.run();
    } catch (RuntimeException e) {
      return List.of(
          RecoveryResult.orphan("-", Recreation.JOURNAL_KIND.stored(), Step.RENAME_OLD.stored(), location)
              .undone(
                  UpdateOutcome.BROKEN,
                  "cannot look for containers left renamed by earlier runs: " + EngineMessages.of(e)));
    }
  }

  @Override
  public List<String> tidyUp() {
    try {
      List<String> lines = new ArrayList<>();
      for (String helper : selfUpdate.removeFinishedHelpers(HELPER_EXIT_WAIT)) {
        lines.add("removed the finished self-update helper " + helper);
      }
      for (String target : claims.removeStale()) {
        lines.add("removed the claim on " + target + " that a stopped Refit left");
      }
      return lines;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (RuntimeException e) {
      return List.of("could not remove self-update helpers: " + EngineMessages.of(e));
    }
  }

  /**
   * The container as it is now. A dependant recreated earlier in this run has a new id but the same
   * name and image: it is still the target.
   */
  private ContainerInfo current(Target target) {
    Optional<ContainerInfo> byId = ops.find(target.id());
    ContainerInfo current =
        byId.or(() -> ops.find(target.name()).filter(c -> c.imageId().equals(target.imageId())))
            .orElseThrow(() -> new UpdateFailure("the container is gone since the check"));
    if (!current.imageId().equals(target.imageId())) {
      throw new UpdateFailure("the container runs another image since the check; not touching it");
    }
    return current;
  }

  private void preflight(ContainerInfo c) {
    if (c.paused()) {
      throw new UpdateFailure("is paused; unpause it to update it");
    }
    if (!c.running()) {
      throw new UpdateFailure("is not running (" + c.status() + "); only running containers are updated");
    }
    if (c.autoRemove()) {
      throw new UpdateFailure(
          "was started with --rm: stopping it would delete it and leave nothing to roll back to");
    }
    String parked = c.name() + "-refit-old";
    if (ops.find(parked).isPresent()) {
      throw new UpdateFailure(
          "a container named " + parked + " exists already (left from an earlier update?); remove or rename it");
    }
    try {
      ReadinessChoice.validate(c.labels());
    } catch (IllegalArgumentException e) {
      throw new UpdateFailure(e.getMessage());
    }
  }

  /** {@code --cleanup}: the old image goes unless something still uses it. */
  private String removeImage(String imageId) {
    try {
      ops.api().send("DELETE", "/images/" + EngineApi.encode(imageId), null);
      return null;
    } catch (RuntimeException e) {
      return "old image kept: " + EngineMessages.of(e);
    }
  }

  /**
   * The reference the new container gets, in the user's own form: unchanged for a new digest of
   * the same tag, the tag swapped for a newer tag.
   */
  static String newReference(String userForm, AvailableUpdate update) {
    if (update.kind() == UpdateKind.DIGEST) {
      return userForm;
    }
    String text = userForm;
    int at = text.indexOf('@');
    if (at >= 0) {
      text = text.substring(0, at);
    }
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    String name = colon > slash ? text.substring(0, colon) : text;
    return name + ":" + update.image().tag();
  }

  private RolloutResult result(
      Target target,
      RolloutOutcome outcome,
      String toReference,
      String fromDigest,
      Digest toDigest,
      String message,
      List<String> logTail,
      Instant started) {
    return new RolloutResult(
        target,
        outcome,
        target.image(),
        toReference,
        fromDigest,
        toDigest == null ? null : toDigest.toString(),
        message,
        logTail,
        started,
        clock.instant());
  }
}
