package dev.refit.cli;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Prints check results as an aligned table with a summary line, as {@code docker ps} does. */
final class ResultTable {
  private static final String[] HEADERS = {
    "CONTAINER", "IMAGE", "CURRENT", "AVAILABLE", "POLICY", "STATUS"
  };

  private ResultTable() {}

  static void print(List<CheckResult> results, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (CheckResult r : results) {
      rows.add(
          new String[] {
            r.target().name(),
            r.target().image() == null ? "-" : r.target().image(),
            current(r),
            available(r.update()),
            r.policy() == null ? "-" : r.policy(),
            status(r)
          });
    }
    TextTable.print(rows, out);
    out.println();
    out.println(summary(results));
  }

  static String current(CheckResult r) {
    String tag = r.image() != null && r.image().hasTag() ? r.image().tag() : "";
    Digest digest = r.currentDigest();
    if (digest == null) {
      return tag.isEmpty() ? "-" : tag;
    }
    return tag.isEmpty() ? digest.shortForm() : tag + " (" + digest.shortForm() + ")";
  }

  static String available(AvailableUpdate update) {
    if (update == null) {
      return "-";
    }
    if (update.kind() == UpdateKind.TAG) {
      return update.image().tag();
    }
    return update.image().tag() + " (" + update.digest().shortForm() + ")";
  }

  static String status(CheckResult r) {
    return switch (r.status()) {
      case ERROR -> "error: " + r.reason();
      case SKIPPED -> "skipped: " + r.reason();
      default -> r.status().text();
    };
  }

  static String summary(List<CheckResult> results) {
    Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
    results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (CheckStatus status : CheckStatus.values()) {
      int n = counts.getOrDefault(status, 0);
      if (n > 0) {
        String word =
            switch (status) {
              case UPDATE_AVAILABLE -> n == 1 ? "update available" : "updates available";
              case ERROR -> n == 1 ? "error" : "errors";
              default -> status.text();
            };
        parts.add(n + " " + word);
      }
    }
    String noun = results.size() == 1 ? "container" : "containers";
    return results.size() + " " + noun + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }
}
