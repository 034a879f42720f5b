package dev.refit.server;

import dev.refit.notify.Delivery;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.registry.RegistryHostStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's Prometheus metrics: targets and updates available (gauges), updates applied, failed
 * and rolled back, registry requests and errors by registry, rate limit remaining by registry, cycle
 * duration, notifications and webhooks by result.
 *
 * <p>The counts are kept here; Micrometer and the Prometheus client (~180 classes) are only loaded
 * by the first scrape ({@link PrometheusScrape}): an agent never serves {@code /metrics}, and a
 * daemon nobody scrapes should not carry them for months (docs/footprint.md).
 */
final class RefitMetrics {
  /** How long a cycle's duration counts for {@code _max}, as Micrometer's timers keep it. */
  static final Duration MAX_WINDOW = Duration.ofMinutes(2);

  final TargetStates states;
  final LongAdder applied = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder rolledBack = new LongAdder();
  final LongAdder cycles = new LongAdder();
  final LongAdder cycleNanos = new LongAdder();
  /** Per registry host. */
  final Map<String, LongAdder> registryRequests = new ConcurrentHashMap<>();

  final Map<String, LongAdder> registryErrors = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> rateLimitRemaining = new ConcurrentHashMap<>();
  /** Per [notifier, result]. */
  final Map<List<String>, LongAdder> notifications = new ConcurrentHashMap<>();
  /** Per [kind, status]. */
  final Map<List<String>, LongAdder> webhooks = new ConcurrentHashMap<>();

  private final LongSupplier nanoTime;
  // [end, duration] in nanoseconds of the cycles that ended within MAX_WINDOW
  private final ArrayDeque<long[]> recentCycles = new ArrayDeque<>();
  private @Nullable PrometheusScrape scrape;

  RefitMetrics(TargetStates states) {
    this(states, System::nanoTime);
  }

  RefitMetrics(TargetStates states, LongSupplier nanoTime) {
    this.states = states;
    this.nanoTime = nanoTime;
  }

  void cycle(CycleReport report) {
    cycles.increment();
    long nanos = report.duration().toNanos();
    cycleNanos.add(nanos);
    synchronized (recentCycles) {
      recentCycles.addLast(new long[] {nanoTime.getAsLong(), nanos});
      pruneCycles();
    }
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
      registryRequests.computeIfAbsent(s.host(), h -> new LongAdder()).add(s.requests());
      registryErrors.computeIfAbsent(s.host(), h -> new LongAdder()).add(s.errors());
      if (s.rateLimitRemaining() != null) {
        rateLimitRemaining.computeIfAbsent(s.host(), h -> new AtomicInteger()).set(s.rateLimitRemaining());
      }
    }
  }

  void delivery(Delivery d) {
    notifications
        .computeIfAbsent(List.of(d.notifier(), d.delivered() ? "delivered" : "failed"), k -> new LongAdder())
        .increment();
  }

  void webhook(String kind, int status) {
    webhooks.computeIfAbsent(List.of(kind, String.valueOf(status)), k -> new LongAdder()).increment();
  }

  /** The longest cycle that ended within {@link #MAX_WINDOW}, in seconds; 0 without one. */
  double cycleMaxSeconds() {
    synchronized (recentCycles) {
      pruneCycles();
      return recentCycles.stream().mapToLong(c -> c[1]).max().orElse(0) / 1e9;
    }
  }

  private void pruneCycles() {
    long oldest = nanoTime.getAsLong() - MAX_WINDOW.toNanos();
    while (!recentCycles.isEmpty() && recentCycles.peekFirst()[0] - oldest < 0) {
      recentCycles.removeFirst();
    }
  }

  synchronized String scrape() {
    if (scrape == null) {
      scrape = new PrometheusScrape(this);
    }
    return scrape.text();
  }
}
