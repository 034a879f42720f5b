package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.refit.config.ScheduleSettings;
import dev.refit.pipeline.CycleRequest;
import dev.refit.schedule.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScheduleTriggerTest {
  private final List<String> triggers = new CopyOnWriteArrayList<>();

  @Test
  void checksAtStartThenOnTheScheduleAndWhenAWaitIsOver() {
    ScheduleSettings every2s =
        new ScheduleSettings(CronSchedule.parse("*/2 * * * * *"), Duration.ofMillis(200), true, ZoneOffset.UTC, false);
    try (ScheduleTrigger trigger =
        new ScheduleTrigger(every2s, r -> triggers.add(r.trigger()), Clock.systemUTC())) {
      trigger.start();
      assertThat(triggers).containsExactly("start");
      await().atMost(Duration.ofSeconds(5)).until(() -> triggers.contains("schedule"));
      trigger.wakeUpAt(Clock.systemUTC().instant().plusMillis(100));
      trigger.wakeUpAt(Clock.systemUTC().instant().plusSeconds(60)); // a later wake-up keeps the earlier one
      await().atMost(Duration.ofSeconds(5)).until(() -> triggers.contains("wait-over"));
    }
  }

  @Test
  void noScheduleMeansNoScheduledCycles() throws InterruptedException {
    ScheduleSettings off = new ScheduleSettings(null, Duration.ZERO, false, ZoneOffset.UTC, false);
    try (ScheduleTrigger trigger = new ScheduleTrigger(off, r -> triggers.add(r.trigger()), Clock.systemUTC())) {
      trigger.start();
      assertThat(trigger.next()).isEmpty();
      Thread.sleep(300);
      assertThat(triggers).isEmpty();
    }
  }

  @Test
  void requestsMergeWhileACycleRuns() {
    CycleRequest a = CycleRequest.containers(java.util.Set.of("id1"), "docker-event");
    CycleRequest b = CycleRequest.images(java.util.Set.of(dev.refit.image.ImageName.parse("nginx")), "webhook:dockerhub");
    CycleRequest merged = a.merge(b);
    assertThat(merged.all()).isFalse();
    assertThat(merged.targetIds()).containsExactly("id1");
    assertThat(merged.images()).hasSize(1);
    assertThat(merged.trigger()).isEqualTo("docker-event+webhook:dockerhub");
    assertThat(merged.merge(CycleRequest.everything("schedule")).all()).isTrue();
  }
}
