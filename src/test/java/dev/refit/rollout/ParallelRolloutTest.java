package dev.refit.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.ImageReference;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.UpdateHistory;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Independent updates run at once, up to the parallelism; dependants in order; failures stay apart. */
class ParallelRolloutTest {
  private static final long APPLY_MILLIS = 150;

  @TempDir Path dir;
  @AutoClose private Database database;

  @BeforeEach
  void open() {
    database = Database.open(dir);
  }

  /** Takes a while per update, and notes how many ran at once and in what order they began and ended. */
  private static final class SlowApplier implements Applier {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Map<String, RolloutOutcome> outcomes = new ConcurrentHashMap<>();
    final Set<String> throwing = ConcurrentHashMap.newKeySet();
    final DependencyGraph graph;

    SlowApplier(DependencyGraph graph) {
      this.graph = graph;
    }

    @Override
    public TargetKind kind() {
      return TargetKind.CONTAINER;
    }

    @Override
    public List<DependencyGraph.Group<UpdatePlan>> groups(List<UpdatePlan> plans) {
      return graph.groups(plans, p -> p.target().name());
    }

    @Override
    public RolloutResult apply(UpdatePlan plan, RolloutListener listener) {
      String name = plan.target().name();
      Instant started = Instant.now();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      events.add("start " + name);
      try {
        listener.step(plan.target(), "waiting");
        Thread.sleep(APPLY_MILLIS);
        if (throwing.contains(name)) {
          throw new IllegalStateException("a bug");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        events.add("end " + name);
        running.decrementAndGet();
      }
      RolloutOutcome outcome = outcomes.getOrDefault(name, RolloutOutcome.APPLIED);
      return new RolloutResult(
          plan.target(), outcome, plan.target().image(), "app:2", null, null,
          outcome == RolloutOutcome.APPLIED ? null : "the new " + name + " exited with code 3",
          List.of(), started, Instant.now());
    }
  }

  /** Fails the test (by counting) whenever two calls overlap. */
  private static final class CheckingListener implements RolloutListener {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final List<String> finished = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void step(Target target, String description) {
      enter();
    }

    @Override
    public void finished(RolloutResult result) {
      enter();
      finished.add(result.target().name());
    }

    private void enter() {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inside.decrementAndGet();
    }
  }

  private static UpdatePlan plan(String name) {
    Target target =
        new Target(TargetKind.CONTAINER, "id-" + name, name, "unix:///x", "app:1", "sha256:1", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    AvailableUpdate update = new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("app:2"), null);
    return new UpdatePlan(
        new CheckResult(target, ImageReference.parse("app:1"), null, null, CheckStatus.UPDATE_AVAILABLE, update, null),
        Decision.APPLY, null);
  }

  private static List<UpdatePlan> plans(String... names) {
    return java.util.Arrays.stream(names).map(ParallelRolloutTest::plan).toList();
  }

  private Rollout rollout(Applier applier, int parallelism) {
    Clock clock = Clock.systemUTC();
    return new Rollout(
        List.of(applier), new Journal(database, clock), new UpdateHistory(database), "cli", clock, parallelism);
  }

  @Test
  void independentUpdatesRunAtOnceUpToTheParallelismAndListInTheGivenOrder() {
    SlowApplier applier = new SlowApplier(DependencyGraph.none());
    String[] names = IntStream.range(0, 8).mapToObj(i -> "c" + i).toArray(String[]::new);
    CheckingListener listener = new CheckingListener();

    List<RolloutResult> results = rollout(applier, 4).apply(plans(names), listener);

    assertThat(applier.mostAtOnce.get()).isEqualTo(4);
    assertThat(results).extracting(r -> r.target().name()).containsExactly(names);
    assertThat(listener.finished).containsExactlyInAnyOrder(names);
    assertThat(listener.overlaps.get()).as("the listener is called one at a time").isZero();
    assertThat(new UpdateHistory(database).page(0, 100)).hasSize(8);
  }

  @Test
  void parallelismOneGoesOneAfterAnother() {
    SlowApplier applier = new SlowApplier(DependencyGraph.none());

    List<RolloutResult> results = rollout(applier, 1).apply(plans("a", "b", "c"), RolloutListener.none());

    assertThat(applier.mostAtOnce.get()).isEqualTo(1);
    assertThat(applier.events).containsExactly("start a", "end a", "start b", "end b", "start c", "end c");
    assertThat(results).extracting(r -> r.target().name()).containsExactly("a", "b", "c");
  }

  @Test
  void dependantsWaitForWhatTheyDependOnWhileOthersRunAlongside() {
    SlowApplier applier =
        new SlowApplier(DependencyGraph.of(Map.of("web", List.of("db"), "worker", List.of("web"))));

    List<RolloutResult> results =
        rollout(applier, 4).apply(plans("worker", "web", "db", "cache"), RolloutListener.none());

    List<String> events = applier.events;
    assertThat(events.indexOf("start web")).isGreaterThan(events.indexOf("end db"));
    assertThat(events.indexOf("start worker")).isGreaterThan(events.indexOf("end web"));
    assertThat(events.indexOf("start cache")).as("cache runs beside db").isLessThan(events.indexOf("end db"));
    assertThat(results).extracting(r -> r.target().name()).containsExactly("db", "web", "worker", "cache");
  }

  @Test
  void oneUpdateFailingOrThrowingNeverStopsTheOthers() {
    SlowApplier applier = new SlowApplier(DependencyGraph.of(Map.of("b2", List.of("b1"))));
    applier.outcomes.put("a", RolloutOutcome.ROLLED_BACK);
    applier.throwing.add("b1");

    List<RolloutResult> results = rollout(applier, 3).apply(plans("a", "b1", "b2", "c"), RolloutListener.none());

    assertThat(results)
        .extracting(r -> r.target().name() + " " + r.outcome())
        .containsExactly("a ROLLED_BACK", "b1 FAILED", "b2 APPLIED", "c APPLIED");
    assertThat(results.get(1).message()).contains("internal error").contains("a bug");
    assertThat(new UpdateHistory(database).page(0, 100))
        .extracting(HistoryEntry::targetName)
        .containsExactlyInAnyOrder("a", "b1", "b2", "c");
  }

  @Test
  void plansNotDecidedApplyAreLeftAlone() {
    SlowApplier applier = new SlowApplier(DependencyGraph.none());
    UpdatePlan held = new UpdatePlan(plan("held").check(), Decision.HOLD, "notify mode");

    List<RolloutResult> results =
        rollout(applier, 4).apply(List.of(held, plan("go")), RolloutListener.none());

    assertThat(results).extracting(r -> r.target().name()).containsExactly("go");
  }

  @Test
  void aRollbackWithDataIsRefusedInOneLineByAnApplierThatKeepsNoData() {
    // a Swarm service's applier, like this one, keeps no volume snapshots
    SlowApplier applier = new SlowApplier(DependencyGraph.none());

    List<RolloutResult> results =
        rollout(applier, 1).apply(List.of(plan("svc").restoringData(), plan("other")), RolloutListener.none());

    assertThat(results).extracting(r -> r.target().name() + " " + r.outcome())
        .containsExactly("svc FAILED", "other APPLIED");
    assertThat(results.get(0).message())
        .isEqualTo("--with-data is not supported for a container: Refit keeps no data snapshots of it; nothing changed");
    assertThat(applier.events).as("never handed to the applier").containsExactly("start other", "end other");
  }
}
