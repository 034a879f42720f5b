package dev.refit.cli;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.Housekeeping;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.TargetKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what {@code refit update}'s cycle found and did: recoveries first, dry-run previews, a
 * table with one row per target, the failing targets' last log lines and a summary line.
 */
final class UpdateReportPrinter {
  private static final String[] HEADERS = {"CONTAINER", "IMAGE", "UPDATE", "RESULT"};
  private static final String[] MIXED_HEADERS = {"KIND", "NAME", "IMAGE", "UPDATE", "RESULT"};

  private UpdateReportPrinter() {}

  static void print(CycleReport report, PrintWriter out) {
    Housekeeping housekeeping = report.housekeeping();
    for (RecoveryResult r : housekeeping.recovered()) {
      out.println("recovered " + r.targetName() + ": " + r.message());
    }
    for (JournalEntry e : housekeeping.pendingRecovery()) {
      out.println(
          "would first recover " + e.targetName() + " (an earlier run stopped at step '" + e.step() + "')");
    }
    for (String line : housekeeping.tidied()) {
      out.println(line);
    }
    for (String name : report.unknownNames()) {
      out.println("no container named " + name);
    }

    boolean previews = false;
    for (TargetReport t : report.targets()) {
      if (!t.preview().isEmpty()) {
        out.println(
            t.check().target().name()
                + (refusedInPreview(t).isPresent() ? ": would not update " : ": would update ")
                + t.check().target().image() + " -> " + ResultTable.available(t.check().update()));
        t.preview().forEach(line -> out.println("  " + line));
        previews = true;
      }
    }
    if (previews) {
      out.println();
    }

    // Only containers: the familiar table. Services too: a KIND column tells them apart.
    boolean mixed =
        report.targets().stream().anyMatch(t -> t.check().target().kind() != TargetKind.CONTAINER);
    List<String[]> rows = new ArrayList<>();
    rows.add(mixed ? MIXED_HEADERS : HEADERS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TargetReport t : report.targets()) {
      CheckResult check = t.check();
      String result = refusedInPreview(t).map(reason -> "failed: " + reason).orElse(result(check, t.plan(), t.outcome()));
      String word = result.contains(":") ? result.substring(0, result.indexOf(':')) : result;
      counts.merge(word, 1, Integer::sum);
      String[] row =
          new String[] {
            check.target().name(),
            ResultTable.image(check),
            check.update() == null ? "-" : ResultTable.available(check.update()),
            result
          };
      rows.add(mixed ? ResultTable.withKind(check.target().kind().label(), row) : row);
    }
    TextTable.print(rows, out);
    for (TargetReport t : report.targets()) {
      RolloutResult r = t.outcome();
      if (r != null && !r.logTail().isEmpty()) {
        out.println();
        out.println(
            r.target().name()
                + (r.target().kind() == TargetKind.SERVICE
                    ? ": last log lines of the new task that failed:"
                    : ": last log lines of the new container:"));
        r.logTail().forEach(line -> out.println("  | " + line));
      }
    }
    out.println();
    List<String> parts = new ArrayList<>();
    counts.forEach((word, n) -> parts.add(n + " " + word));
    out.println(parts.isEmpty() ? "no containers" : String.join(", ", parts));
  }

  /**
   * Why the real run would refuse this update before changing anything (a bad {@code
   * refit.stability} label, a paused container): a dry run shows it on the same row, with the
   * same words, as the real run's failure, not as "would update".
   */
  static java.util.Optional<String> refusedInPreview(TargetReport t) {
    if (t.plan() == null || t.plan().decision() != Decision.DRY_RUN || t.preview().isEmpty()) {
      return java.util.Optional.empty();
    }
    String first = t.preview().get(0);
    return first.startsWith(CANNOT_UPDATE)
        ? java.util.Optional.of(first.substring(CANNOT_UPDATE.length()))
        : java.util.Optional.empty();
  }

  /** How an applier's preview says the update would be refused. */
  private static final String CANNOT_UPDATE = "cannot update: ";

  static String result(CheckResult check, UpdatePlan plan, RolloutResult rollout) {
    if (rollout != null) {
      return rollout.outcome().text() + (rollout.message() == null ? "" : ": " + rollout.message());
    }
    if (plan != null) {
      return switch (plan.decision()) {
        case HOLD -> "held: " + plan.reason();
        case DRY_RUN -> "would update";
        case APPLY -> "not applied";
      };
    }
    return switch (check.status()) {
      case ERROR -> "error: " + check.reason();
      case SKIPPED -> "skipped: " + check.reason();
      default -> check.status().text();
    };
  }

  /** 0 when nothing failed; 1 when an update failed or was rolled back, or a check or name failed. */
  static int exitCode(CycleReport report) {
    boolean failed =
        report.targets().stream().anyMatch(UpdateReportPrinter::failed)
            || !report.unknownNames().isEmpty()
            || report.housekeeping().recovered().stream().anyMatch(r -> r.outcome() == UpdateOutcome.BROKEN);
    return failed ? 1 : 0;
  }

  private static boolean failed(TargetReport t) {
    if (t.outcome() != null) {
      return t.outcome().failed();
    }
    // an update planned but never rolled out (no applier took it) did not happen either
    return t.check().status() == CheckStatus.ERROR
        || (t.plan() != null && t.plan().decision() == Decision.APPLY)
        || refusedInPreview(t).isPresent();
  }
}
