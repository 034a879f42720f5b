package dev.refit.server;

import dev.refit.notify.Delivery;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.registry.RegistryHostStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's Prometheus metrics: targets and updates available (gauges), updates applied, failed
 * and rolled back, registry requests and errors by registry, rate limit remaining by registry, cycle
 * duration, notifications and webhooks by result.
 */
final class RefitMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter applied;
  private final Counter failed;
  private final Counter rolledBack;
  private final Counter cycles;
  private final Timer cycleDuration;
  private final Map<String, AtomicInteger> rateLimitRemaining = new ConcurrentHashMap<>();

  RefitMetrics(TargetStates states) {
    Gauge.builder("refit.targets", states, TargetStates::count)
        .description("Targets Refit looks after")
        .register(registry);
    Gauge.builder("refit.updates.available", states, s -> (double) s.updatesAvailable())
        .description("Targets with an update available")
        .register(registry);
    applied = Counter.builder("refit.updates.applied").description("Updates applied").register(registry);
    failed = Counter.builder("refit.updates.failed").description("Updates that failed").register(registry);
    rolledBack = Counter.builder("refit.rollbacks").description("Updates rolled back").register(registry);
    cycles = Counter.builder("refit.cycles").description("Check cycles run").register(registry);
    cycleDuration =
        Timer.builder("refit.cycle.duration").description("Time one check cycle took").register(registry);
  }

  void cycle(CycleReport report) {
    cycles.increment();
    cycleDuration.record(report.duration());
    for (TargetReport t : report.targets()) {
      if (t.outcome() == null) {
        continue;
      }
      switch (t.outcome().outcome()) {
        case APPLIED -> applied.increment();
        case ROLLED_BACK -> rolledBack.increment();
        case FAILED, BROKEN -> failed.increment();
        case HANDED_OVER, SKIPPED -> {
          // its helper (or the other Refit) finishes and records it
        }
      }
    }
    for (RegistryHostStats s : report.registries()) {
      Counter.builder("refit.registry.requests")
          .description("HTTP requests sent to a registry")
          .tag("registry", s.host())
          .register(registry)
          .increment(s.requests());
      Counter.builder("refit.registry.errors")
          .description("Registry requests that failed")
          .tag("registry", s.host())
          .register(registry)
          .increment(s.errors());
      if (s.rateLimitRemaining() != null) {
        rateLimitRemaining
            .computeIfAbsent(
                s.host(),
                host -> {
                  AtomicInteger value = new AtomicInteger();
                  Gauge.builder("refit.registry.rate.limit.remaining", value, AtomicInteger::get)
                      .description("Pulls left in the registry's rate-limit window, as it last said")
                      .tag("registry", host)
                      .register(registry);
                  return value;
                })
            .set(s.rateLimitRemaining());
      }
    }
  }

  void delivery(Delivery d) {
    Counter.builder("refit.notifications")
        .description("Notifications sent, by notifier and result")
        .tag("notifier", d.notifier())
        .tag("result", d.delivered() ? "delivered" : "failed")
        .register(registry)
        .increment();
  }

  void webhook(String kind, int status) {
    Counter.builder("refit.webhooks")
        .description("Webhook requests, by kind and answer")
        .tag("kind", kind)
        .tag("status", String.valueOf(status))
        .register(registry)
        .increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
