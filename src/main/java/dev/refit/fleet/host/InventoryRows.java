package dev.refit.fleet.host;

import dev.refit.check.CheckResult;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.pipeline.TargetReport;
import java.util.List;
import java.util.Objects;

/** A host's targets as the inventory rows the server shows: one place for the mapping. */
final class InventoryRows {
  private InventoryRows() {}

  /**
   * @param defaultMode the mode of a target whose last cycle asked no gate (nothing available)
   */
  static List<InventoryTarget> of(List<TargetReport> targets, String defaultMode) {
    return targets.stream().map(t -> row(t, defaultMode)).filter(Objects::nonNull).toList();
  }

  private static InventoryTarget row(TargetReport report, String defaultMode) {
    CheckResult check = report.check();
    TargetKind kind =
        switch (check.target().kind()) {
          case CONTAINER -> TargetKind.CONTAINER;
          case SERVICE -> TargetKind.SERVICE;
        };
    String tag = check.image() == null ? "" : check.image().tagOrDefault();
    return new InventoryTarget(
        kind,
        check.target().name(),
        check.target().image(),
        orDash(tag),
        check.currentDigest() == null ? "unknown" : check.currentDigest().toString(),
        check.update() == null ? null : check.update().image().tagOrDefault(),
        check.policy() == null ? "none" : check.policy(),
        report.decision() == null ? defaultMode : report.decision().mode().label());
  }

  private static String orDash(String text) {
    return text.isBlank() ? "-" : text;
  }
}
