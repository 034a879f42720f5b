package dev.refit.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link RefitMetrics}' counts as Prometheus text, through Micrometer: built on the first scrape,
 * its meters read the counts when scraped. Meters of a registry, notifier or webhook seen since the
 * previous scrape are added before each scrape (registering one twice returns the first).
 */
final class PrometheusScrape {
  private final RefitMetrics m;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  PrometheusScrape(RefitMetrics m) {
    this.m = m;
    Gauge.builder("refit.targets", m.states, TargetStates::count)
        .description("Targets Refit looks after")
        .register(registry);
    Gauge.builder("refit.updates.available", m.states, s -> (double) s.updatesAvailable())
        .description("Targets with an update available")
        .register(registry);
    counter("refit.updates.applied", "Updates applied", m.applied);
    counter("refit.updates.failed", "Updates that failed", m.failed);
    counter("refit.rollbacks", "Updates rolled back", m.rolledBack);
    counter("refit.cycles", "Check cycles run", m.cycles);
    FunctionTimer.builder(
            "refit.cycle.duration", m, r -> r.cycles.sum(), r -> r.cycleNanos.sum(), TimeUnit.NANOSECONDS)
        .description("Time one check cycle took")
        .register(registry);
    // A Timer's "_max" (its longest recent sample), which a FunctionTimer does not have.
    Gauge.builder("refit.cycle.duration.seconds.max", m, RefitMetrics::cycleMaxSeconds)
        .description("Time one check cycle took")
        .register(registry);
  }

  String text() {
    for (Map.Entry<String, LongAdder> e : m.registryRequests.entrySet()) {
      counter("refit.registry.requests", "HTTP requests sent to a registry", e.getValue(), "registry", e.getKey());
    }
    for (Map.Entry<String, LongAdder> e : m.registryErrors.entrySet()) {
      counter("refit.registry.errors", "Registry requests that failed", e.getValue(), "registry", e.getKey());
    }
    for (Map.Entry<String, AtomicInteger> e : m.rateLimitRemaining.entrySet()) {
      Gauge.builder("refit.registry.rate.limit.remaining", e.getValue(), AtomicInteger::get)
          .description("Pulls left in the registry's rate-limit window, as it last said")
          .tag("registry", e.getKey())
          .register(registry);
    }
    for (Map.Entry<List<String>, LongAdder> e : m.notifications.entrySet()) {
      counter("refit.notifications", "Notifications sent, by notifier and result", e.getValue(),
          "notifier", e.getKey().get(0), "result", e.getKey().get(1));
    }
    for (Map.Entry<List<String>, LongAdder> e : m.webhooks.entrySet()) {
      counter("refit.webhooks", "Webhook requests, by kind and answer", e.getValue(),
          "kind", e.getKey().get(0), "status", e.getKey().get(1));
    }
    return registry.scrape();
  }

  private void counter(String name, String description, LongAdder count, String... tags) {
    FunctionCounter.builder(name, count, LongAdder::sum).description(description).tags(tags).register(registry);
  }
}
