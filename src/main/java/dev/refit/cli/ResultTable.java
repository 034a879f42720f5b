package dev.refit.cli;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.target.TargetKind;
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
  private static final String[] MIXED_HEADERS = {
    "KIND", "NAME", "IMAGE", "CURRENT", "AVAILABLE", "POLICY", "STATUS"
  };

  private ResultTable() {}

  static void print(List<CheckResult> results, PrintWriter out) {
    // Only containers: the table docker users know. Services too: a KIND column tells them apart.
    boolean mixed = results.stream().anyMatch(r -> r.target().kind() != TargetKind.CONTAINER);
    List<String[]> rows = new ArrayList<>();
    rows.add(mixed ? MIXED_HEADERS : HEADERS);
    for (CheckResult r : results) {
      String[] row =
          new String[] {
            r.target().name(),
            image(r),
            current(r),
            available(r.update()),
            r.policy() == null ? "-" : r.policy(),
            status(r)
          };
      rows.add(mixed ? withKind(r.target().kind().label(), row) : row);
    }
    TextTable.print(rows, out);
    out.println();
    out.println(summary(results));
  }

  /** The row with the target's kind in front, for tables of several kinds. */
  static String[] withKind(String kind, String[] row) {
    String[] wider = new String[row.length + 1];
    wider[0] = kind;
    System.arraycopy(row, 0, wider, 1, row.length);
    return wider;
  }

  /**
   * The image as the target names it. A service's image is pinned ({@code repo:tag@sha256:...});
   * its digest shows under CURRENT already.
   */
  static String image(CheckResult r) {
    String image = r.target().image();
    if (image == null) {
      return "-";
    }
    int at = image.indexOf('@');
    if (r.target().kind() == TargetKind.SERVICE && at > 0) {
      String byTag = image.substring(0, at);
      if (byTag.lastIndexOf(':') > byTag.lastIndexOf('/')) {
        return byTag;
      }
    }
    return image;
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
    return targets(results) + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  /** {@code 3 containers}, or {@code 3 containers, 1 service} when there are services too. */
  static String targets(List<CheckResult> results) {
    Map<TargetKind, Integer> byKind = new EnumMap<>(TargetKind.class);
    results.forEach(r -> byKind.merge(r.target().kind(), 1, Integer::sum));
    byKind.putIfAbsent(TargetKind.CONTAINER, 0);
    List<String> parts = new ArrayList<>();
    for (Map.Entry<TargetKind, Integer> e : byKind.entrySet()) {
      if (e.getValue() > 0 || (e.getKey() == TargetKind.CONTAINER && byKind.size() == 1)) {
        int n = e.getValue();
        parts.add(n + " " + e.getKey().label() + (n == 1 ? "" : "s"));
      }
    }
    return String.join(", ", parts);
  }
}
