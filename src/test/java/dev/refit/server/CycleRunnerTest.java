package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.plan.UpdateGates;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import dev.refit.store.Sightings;
import dev.refit.store.UpdateHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycleRunnerTest {
  @TempDir Path dir;

  @Test
  void oneCycleAtATimeAndWaitingRequestsMergeIntoOne() throws Exception {
    FakeCore core = new FakeCore();
    core.container("a", "registry.example/a:1.0.0", Map.of());
    core.container("b", "registry.example/b:1.0.0", Map.of());
    core.container("c", "registry.example/c:1.0.0", Map.of());
    Database db = Database.open(dir);
    Approvals approvals = new Approvals(db, Clock.systemUTC());
    UpdatePipeline pipeline =
        new UpdatePipeline(
            core, core,
            new UpdateGates(dev.refit.config.GateSettings.defaults(), ZoneOffset.UTC, new Sightings(db), approvals),
            List.of(),
            trigger ->
                new dev.refit.rollout.Rollout(
                    List.of(core), new dev.refit.store.Journal(db, Clock.systemUTC()), new UpdateHistory(db), trigger,
                    Clock.systemUTC()),
            () -> dev.refit.store.StateLock.acquire(dir, Duration.ofSeconds(5), Clock.systemUTC(), () -> {}),
            approvals, Notifiers.none(), Clock.systemUTC(), "test");
    try (CycleRunner runner = new CycleRunner(pipeline)) {
      runner.start();
      core.hold = new CountDownLatch(1);
      CompletableFuture<CycleReport> first = runner.submit(CycleRequest.targets(Set.of("a"), "api"));
      await().atMost(Duration.ofSeconds(5)).until(runner::busy);
      CompletableFuture<CycleReport> second = runner.submit(CycleRequest.targets(Set.of("b"), "docker-event"));
      CompletableFuture<CycleReport> third = runner.submit(CycleRequest.targets(Set.of("c"), "webhook:generic"));
      assertThat(second).isSameAs(third);
      assertThat(core.checked).hasSize(1);
      core.hold.countDown();
      core.hold = null;
      assertThat(first.get(5, TimeUnit.SECONDS).trigger()).isEqualTo("api");
      CycleReport merged = third.get(5, TimeUnit.SECONDS);
      assertThat(merged.trigger()).isEqualTo("docker-event+webhook:generic");
      assertThat(core.checked).containsExactly(List.of("a"), List.of("b", "c"));
    }
  }
}
