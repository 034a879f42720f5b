package dev.refit.pipeline;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckProgress;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.plan.UpdatePlan;
import dev.refit.registry.RegistryHostStats;
import dev.refit.rollout.Applier;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.Journal;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the engine and registry ends of the pipeline, so the daemon's own logic (triggers,
 * gates, API, persistence) is tested fast and exactly, on the pipeline every front door gets; the
 * ITs run the same daemon for real.
 */
public final class FakeCore implements PipelineEnds, TargetInventory, TargetChecker, Applier {
  public final List<Target> targets = new CopyOnWriteArrayList<>();
  /** Target name to the tag its registry has; absent means up to date. */
  public final Map<String, String> newerTag = new ConcurrentHashMap<>();
  public final Map<String, RolloutOutcome> outcomes = new ConcurrentHashMap<>();
  public final List<List<String>> checked = new CopyOnWriteArrayList<>();
  public final List<String> applied = new CopyOnWriteArrayList<>();
  /** When set, checks wait for it: a cycle that takes its time. */
  public volatile java.util.concurrent.CountDownLatch hold;

  public Target container(String name, String image, Map<String, String> labels) {
    Target t =
        new Target(
            TargetKind.CONTAINER, "id-" + name, name, "unix:///fake.sock", image, "sha256:" + "0".repeat(64),
            List.of(), UpdateRules.fromLabels(labels, false));
    targets.add(t);
    return t;
  }

  @Override
  public TargetInventory inventory(boolean includeStopped) {
    return this;
  }

  @Override
  public TargetChecker checker() {
    return this;
  }

  @Override
  public List<Applier> appliers(Journal journal) {
    return List.of(this);
  }

  @Override
  public List<Target> discover() {
    return List.copyOf(targets);
  }

  @Override
  public Checked check(List<Target> list, CheckProgress progress) {
    checked.add(list.stream().map(Target::name).toList());
    if (hold != null) {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<CheckResult> results =
        list.stream()
            .map(
                t -> {
                  ImageReference image = ImageReference.parse(t.image());
                  Digest current = Digest.sha256("current " + t.name());
                  String tag = newerTag.get(t.name());
                  if (tag == null) {
                    return new CheckResult(t, image, current, "semver:minor", CheckStatus.UP_TO_DATE, null, null);
                  }
                  return new CheckResult(
                      t, image, current, "semver:minor", CheckStatus.UPDATE_AVAILABLE,
                      new AvailableUpdate(UpdateKind.TAG, image.withTag(tag), Digest.sha256(tag)), null);
                })
            .toList();
    return new Checked(results, List.of(new RegistryHostStats("registry.example", 3, 1, 97, false)));
  }

  @Override
  public boolean handles(Target target) {
    return true;
  }

  @Override
  public dev.refit.target.TargetKind kind() {
    return dev.refit.target.TargetKind.CONTAINER;
  }

  @Override
  public RolloutResult apply(UpdatePlan plan, RolloutListener listener) {
    String name = plan.target().name();
    applied.add(name);
    RolloutOutcome outcome = outcomes.getOrDefault(name, RolloutOutcome.APPLIED);
    if (outcome == RolloutOutcome.APPLIED) {
      newerTag.remove(name); // it runs the new image now
    }
    Instant now = Instant.now();
    return new RolloutResult(
        plan.target(), outcome, plan.target().image(), plan.update().image().toString(), null,
        plan.update().digest() == null ? null : plan.update().digest().toString(),
        outcome == RolloutOutcome.APPLIED ? null : "health check failed", List.of(), now, now);
  }

}
