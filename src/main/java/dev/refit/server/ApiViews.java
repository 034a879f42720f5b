package dev.refit.server;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.GateDecision;
import dev.refit.store.Approval;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The API's JSON shapes, built from the core's records. Fields are only ever added. Nothing here
 * reads container configuration: environment variables and credentials never reach an answer.
 */
final class ApiViews {
  private ApiViews() {}

  static Map<String, Object> target(TargetReport t) {
    CheckResult r = t.check();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.target().kind().label());
    m.put("name", r.target().name());
    m.put("id", r.target().id());
    m.put("host", r.target().location());
    m.put("image", r.target().image());
    m.put("status", r.status().name().toLowerCase(Locale.ROOT));
    m.put("policy", r.policy());
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("tag", r.image() == null ? null : r.image().tag());
    current.put("digest", r.currentDigest() == null ? null : r.currentDigest().toString());
    m.put("current", current);
    AvailableUpdate u = r.update();
    if (u != null) {
      Map<String, Object> available = new LinkedHashMap<>();
      available.put("kind", u.kind().name().toLowerCase(Locale.ROOT));
      available.put("image", u.image().toString());
      available.put("tag", u.image().tag());
      available.put("digest", u.digest() == null ? null : u.digest().toString());
      m.put("available", available);
    } else {
      m.put("available", null);
    }
    GateDecision d = t.decision();
    if (d != null) {
      Map<String, Object> plan = new LinkedHashMap<>();
      plan.put("mode", d.mode().label());
      plan.put("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
      plan.put("reason", d.reason());
      plan.put("retryAt", d.retryAt() == null ? null : d.retryAt().toString());
      plan.put("approvalId", d.approvalId());
      plan.put("firstSeen", d.firstSeen().toString());
      m.put("plan", plan);
    }
    if (t.outcome() != null) {
      m.put("outcome", outcome(t));
    }
    if (t.plan() != null && t.plan().reason() != null && (d == null || d.reason() == null)) {
      m.put("held", t.plan().reason());
    }
    m.put("reason", r.reason());
    m.put("labelProblem", t.labelProblem());
    m.put("checkedAt", t.checkedAt().toString());
    return m;
  }

  static Map<String, Object> outcome(TargetReport t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", t.check().target().name());
    m.put("outcome", t.outcome().outcome().name().toLowerCase(Locale.ROOT));
    m.put("message", t.outcome().message());
    m.put("image", t.check().update() == null ? null : t.check().update().image().toString());
    return m;
  }

  static Map<String, Object> cycle(CycleReport c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trigger", c.trigger());
    m.put("startedAt", c.startedAt().toString());
    m.put("durationMs", c.duration().toMillis());
    m.put("targets", c.targets().size());
    m.put(
        "updatesAvailable",
        c.targets().stream().filter(t -> t.check().update() != null).count());
    m.put("applied", c.targets().stream().filter(t -> t.outcome() != null).map(ApiViews::outcome).toList());
    m.put("retryAt", c.retryAt() == null ? null : c.retryAt().toString());
    m.put("error", c.error());
    return m;
  }

  static Map<String, Object> approval(Approval a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("status", a.status().name().toLowerCase(Locale.ROOT));
    m.put("kind", a.update().targetKind());
    m.put("target", a.update().targetName());
    m.put("host", a.update().location());
    m.put("fromImage", a.fromImage());
    m.put("toImage", a.update().toImage());
    m.put("toDigest", a.update().toDigest().isEmpty() ? null : a.update().toDigest());
    m.put("requestedAt", a.requestedAt().toString());
    m.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
    m.put("decidedBy", a.decidedBy());
    return m;
  }

  static Map<String, Object> history(HistoryEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("startedAt", e.startedAt().toString());
    m.put("finishedAt", e.finishedAt().toString());
    m.put("kind", e.targetKind());
    m.put("target", e.targetName());
    m.put("host", e.location());
    m.put("fromImage", e.fromImage());
    m.put("toImage", e.toImage());
    m.put("fromDigest", e.fromDigest());
    m.put("toDigest", e.toDigest());
    m.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
    m.put("message", e.message());
    m.put("trigger", e.trigger());
    m.put("environment", Objects.requireNonNullElse(e.environment(), HistoryFilter.OWN));
    return m;
  }

  static List<Map<String, Object>> targets(List<TargetReport> all) {
    return all.stream().map(ApiViews::target).toList();
  }
}
