package dev.refit.server;

import dev.refit.check.CheckStatus;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.target.Target;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** What the daemon last knew of each target, for the API and the metrics' gauges. */
final class TargetStates {
  private final Map<String, TargetReport> byKey = new ConcurrentHashMap<>();
  private final AtomicReference<CycleReport> lastCycle = new AtomicReference<>();

  void update(CycleReport report) {
    if (report.error() != null) {
      lastCycle.set(report);
      return;
    }
    if (report.full()) {
      // a full cycle saw every target: the ones it did not see are gone
      java.util.Set<String> seen = new java.util.HashSet<>();
      report.targets().forEach(t -> seen.add(key(t.check().target())));
      byKey.keySet().retainAll(seen);
    }
    report.targets().forEach(t -> byKey.put(key(t.check().target()), t));
    lastCycle.set(report);
  }

  List<TargetReport> all() {
    return byKey.values().stream()
        .sorted(Comparator.comparing((TargetReport t) -> t.check().target().name()))
        .toList();
  }

  int count() {
    return byKey.size();
  }

  long updatesAvailable() {
    return byKey.values().stream().filter(t -> t.check().status() == CheckStatus.UPDATE_AVAILABLE).count();
  }

  CycleReport lastCycle() {
    return lastCycle.get();
  }

  private static String key(Target t) {
    return t.kind().label() + "|" + t.location() + "|" + t.name();
  }
}
