package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.FakeCore;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.pipeline.PipelineOptions;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.testing.OpenDatabases;
import dev.refit.testing.TestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycleRunnerTest {
  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  @Test
  void oneCycleAtATimeAndWaitingRequestsMergeIntoOne() throws Exception {
    FakeCore core = new FakeCore();
    core.container("a", "registry.example/a:1.0.0", Map.of());
    core.container("b", "registry.example/b:1.0.0", Map.of());
    core.container("c", "registry.example/c:1.0.0", Map.of());
    UpdatePipeline pipeline =
        new PipelineFactory(TestConfig.of(), Map.of(), core, Clock.systemUTC())
            .pipeline(
                databases.open(dir),
                Notifiers.none(),
                PipelineOptions.builder().longRunning(true).lockWait(Duration.ofSeconds(5), () -> {}).build());
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
