package dev.refit.cli;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.pipeline.UpdateReport;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what {@code refit update} found and did: recoveries first, dry-run previews, a table with
 * one row per container, the failing containers' last log lines and a summary line.
 */
final class UpdateReportPrinter {
  private static final String[] HEADERS = {"CONTAINER", "IMAGE", "UPDATE", "RESULT"};

  private UpdateReportPrinter() {}

  static void print(UpdateReport report, PrintWriter out) {
    for (RecoveryResult r : report.recovered()) {
      out.println("recovered " + r.targetName() + ": " + r.message());
    }
    for (JournalEntry e : report.pendingRecovery()) {
      out.println(
          "would first recover " + e.targetName() + " (an earlier run stopped at step '" + e.step() + "')");
    }
    for (String line : report.tidied()) {
      out.println(line);
    }
    for (String name : report.unknownNames()) {
      out.println("no container named " + name);
    }
    Map<String, UpdatePlan> plans = new HashMap<>();
    report.plans().forEach(p -> plans.put(p.target().id(), p));
    Map<String, RolloutResult> rollouts = new HashMap<>();
    report.rollouts().forEach(r -> rollouts.put(r.target().id(), r));

    for (UpdatePlan plan : report.plans()) {
      List<String> preview = report.previews().get(plan.target().id());
      if (preview != null) {
        out.println(
            plan.target().name() + ": would update " + plan.target().image() + " -> "
                + ResultTable.available(plan.update()));
        preview.forEach(line -> out.println("  " + line));
      }
    }
    if (!report.plans().isEmpty() && !report.previews().isEmpty()) {
      out.println();
    }

    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CheckResult check : report.checks()) {
      String id = check.target().id();
      String result = result(check, plans.get(id), rollouts.get(id));
      String word = result.contains(":") ? result.substring(0, result.indexOf(':')) : result;
      counts.merge(word, 1, Integer::sum);
      rows.add(
          new String[] {
            check.target().name(),
            check.target().image() == null ? "-" : check.target().image(),
            check.update() == null ? "-" : ResultTable.available(check.update()),
            result
          });
    }
    TextTable.print(rows, out);
    for (RolloutResult r : report.rollouts()) {
      if (!r.logTail().isEmpty()) {
        out.println();
        out.println(r.target().name() + ": last log lines of the new container:");
        r.logTail().forEach(line -> out.println("  | " + line));
      }
    }
    out.println();
    List<String> parts = new ArrayList<>();
    counts.forEach((word, n) -> parts.add(n + " " + word));
    out.println(parts.isEmpty() ? "no containers" : String.join(", ", parts));
  }

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
  static int exitCode(UpdateReport report) {
    boolean failed =
        report.rollouts().stream().anyMatch(RolloutResult::failed)
            || report.checks().stream().anyMatch(c -> c.status() == CheckStatus.ERROR)
            || !report.unknownNames().isEmpty()
            || report.recovered().stream().anyMatch(r -> r.outcome() == UpdateOutcome.BROKEN)
            || report.plans().stream()
                .anyMatch(p -> p.decision() == Decision.APPLY && report.rollouts().stream()
                    .noneMatch(r -> r.target().id().equals(p.target().id())));
    return failed ? 1 : 0;
  }
}
