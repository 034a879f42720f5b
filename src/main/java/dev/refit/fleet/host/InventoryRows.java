package dev.refit.fleet.host;

import dev.refit.check.CheckResult;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.GateDecision;
import dev.refit.store.HistoryEntry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A host's targets as the inventory rows the server shows: one place for the mapping. */
final class InventoryRows {
  private InventoryRows() {}

  /**
   * @param defaultMode the mode of a target whose last cycle asked no gate (nothing available)
   * @param lastOutcomes the newest history entry per target name: a later check's report no
   *     longer says that an earlier apply failed
   */
  static List<InventoryTarget> of(
      List<TargetReport> targets, String defaultMode, Map<String, HistoryEntry> lastOutcomes) {
    return targets.stream()
        .map(t -> row(t, defaultMode, lastOutcomes.get(t.check().target().name())))
        .filter(Objects::nonNull)
        .toList();
  }

  private static InventoryTarget row(TargetReport report, String defaultMode, @Nullable HistoryEntry last) {
    CheckResult check = report.check();
    TargetKind kind =
        switch (check.target().kind()) {
          case CONTAINER -> TargetKind.CONTAINER;
          case SERVICE -> TargetKind.SERVICE;
        };
    String tag = check.image() == null ? "" : check.image().tagOrDefault();
    GateDecision decision = report.decision();
    String reason = check.reason();
    if (decision != null && decision.reason() != null) {
      reason = decision.reason();
    } else if (report.plan() != null && report.plan().reason() != null) {
      reason = report.plan().reason();
    }
    // this cycle's own attempt is newer than any history the agent read before it ended
    String outcome =
        report.outcome() != null ? word(report.outcome().outcome().name()) : last == null ? null : word(last.outcome().name());
    return new InventoryTarget(
        kind,
        check.target().name(),
        check.target().image(),
        orDash(tag),
        check.currentDigest() == null ? "unknown" : check.currentDigest().toString(),
        check.update() == null ? null : check.update().image().tagOrDefault(),
        check.policy() == null ? "none" : check.policy(),
        decision == null ? defaultMode : decision.mode().label(),
        word(check.status().name()),
        decision == null ? null : word(decision.verdict().name()),
        reason,
        decision == null ? null : decision.retryAt(),
        outcome);
  }

  /** {@code AWAIT_APPROVAL} → {@code await-approval}: the protocol's words. */
  private static String word(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String orDash(String text) {
    return text.isBlank() ? "-" : text;
  }
}
