package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.notify.Delivery;
import dev.refit.notify.EventType;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.Housekeeping;
import dev.refit.registry.RegistryHostStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The counts kept without Micrometer, as the first scrape (which loads it) and later ones show them. */
class RefitMetricsTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final RefitMetrics metrics = new RefitMetrics(new TargetStates(), nanos::get);

  @Test
  void countsFromBeforeTheFirstScrapeAndMetersSeenAfterItAreScraped() {
    metrics.cycle(cycle(Duration.ofMillis(1500), new RegistryHostStats("a.example", 4, 1, 90, false)));
    assertThat(metrics.scrape())
        .contains("refit_cycles_total 1.0")
        .contains("refit_cycle_duration_seconds_count 1")
        .contains("refit_cycle_duration_seconds_sum 1.5")
        .contains("refit_cycle_duration_seconds_max 1.5")
        .contains("refit_registry_requests_total{registry=\"a.example\"} 4.0")
        .contains("refit_registry_rate_limit_remaining{registry=\"a.example\"} 90.0");
    metrics.cycle(cycle(Duration.ofMillis(500), new RegistryHostStats("a.example", 2, 0, 88, false)));
    metrics.cycle(cycle(Duration.ofMillis(500), new RegistryHostStats("b.example", 1, 1, null, false)));
    metrics.delivery(new Delivery("ops", EventType.values()[0], false, "timeout"));
    metrics.webhook("ghcr", 202);
    assertThat(metrics.scrape())
        .contains("refit_cycles_total 3.0")
        .contains("refit_registry_requests_total{registry=\"a.example\"} 6.0")
        .contains("refit_registry_errors_total{registry=\"b.example\"} 1.0")
        .contains("refit_registry_rate_limit_remaining{registry=\"a.example\"} 88.0")
        .contains("refit_notifications_total{notifier=\"ops\",result=\"failed\"} 1.0")
        .contains("refit_webhooks_total{kind=\"ghcr\",status=\"202\"} 1.0");
  }

  @Test
  void theMaxIsTheLongestCycleOfTheLastTwoMinutes() {
    metrics.cycle(cycle(Duration.ofSeconds(3)));
    nanos.addAndGet(Duration.ofSeconds(90).toNanos());
    metrics.cycle(cycle(Duration.ofSeconds(1)));
    assertThat(metrics.cycleMaxSeconds()).isEqualTo(3.0);
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(metrics.cycleMaxSeconds()).isEqualTo(1.0);
    nanos.addAndGet(Duration.ofSeconds(90).toNanos());
    assertThat(metrics.cycleMaxSeconds()).isZero();
  }

  private static CycleReport cycle(Duration duration, RegistryHostStats... registries) {
    return new CycleReport(
        "test", true, Instant.EPOCH, duration, List.of(), List.of(registries), null, null,
        Housekeeping.none(), List.of());
  }
}
