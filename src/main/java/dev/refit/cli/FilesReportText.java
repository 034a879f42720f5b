package dev.refit.cli;

import dev.refit.files.EntryStatus;
import dev.refit.files.FileChange;
import dev.refit.files.FileEntry;
import dev.refit.files.FilesReport;
import dev.refit.files.GitCommitter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code refit files} text report: one line per image, in file order,
 *
 * <pre>
 * .env:3: [docker.io/pihole/pihole:2022.12] -&gt; [2022.12.1]
 * compose.yaml:5: [docker.io/library/nginx:1.26.0-alpine] -&gt; up-to-date
 * k8s/app.yaml:12: [ghcr.io/acme/api:1.4.0] -&gt; error: repository acme/api does not exist on ghcr.io
 * broken.yaml:7: error: not valid YAML: mapping values are not allowed here
 * </pre>
 *
 * then a line per file that was not (or could not be) written, then the unified diff.
 */
final class FilesReportText {
  private FilesReportText() {}

  static void print(FilesReport report, PrintWriter out) {
    for (FileEntry entry : report.entries()) {
      out.println(line(entry));
    }
    for (FileChange change : report.changes()) {
      switch (change.outcome()) {
        case HELD_BACK -> out.println(change.file() + ": held back: " + change.reason());
        case FAILED -> out.println(change.file() + ": error: " + change.reason());
        case WRITTEN -> out.println(change.file() + ": written");
        case PENDING -> {}
      }
    }
    for (GitCommitter.Commit commit : report.commits()) {
      out.println(
          "committed " + commit.id() + " in " + commit.repository() + " (" + commit.files().size()
              + (commit.files().size() == 1 ? " file)" : " files)"));
    }
    if (report.commitError() != null) {
      out.println("error: --commit failed: " + report.commitError());
    }
    StringBuilder diff = new StringBuilder();
    for (FileChange change : report.changes()) {
      if (change.outcome() == FileChange.Outcome.PENDING
          || change.outcome() == FileChange.Outcome.WRITTEN) {
        diff.append(change.diff());
      }
    }
    if (diff.length() > 0) {
      out.println();
      out.print(diff);
    }
    out.flush();
  }

  static String line(FileEntry e) {
    String where = e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": ";
    if (e.written() == null) {
      return where + (e.status() == EntryStatus.SKIPPED ? "skipped: " : "error: ") + e.reason();
    }
    String reference = "[" + (e.image() == null ? e.written() : e.image().toString()) + "]";
    return where + reference + " -> " + verdict(e);
  }

  private static String verdict(FileEntry e) {
    return switch (e.status()) {
      case UP_TO_DATE -> "up-to-date";
      case UPDATE_AVAILABLE -> "[" + available(e) + "]";
      case ERROR -> "error: " + e.reason();
      case SKIPPED -> "skipped: " + e.reason();
    };
  }

  /** The new version: the tag, with the digest when the file pins one. */
  static String available(FileEntry e) {
    String tag = e.newTag() != null ? e.newTag() : e.image().tag();
    return e.newDigest() == null ? tag : tag + "@" + e.newDigest();
  }

  static String summary(FilesReport report) {
    long images = report.entries().stream().filter(e -> e.written() != null).count();
    long files = report.entries().stream().map(FileEntry::file).distinct().count();
    List<String> parts = new ArrayList<>();
    add(parts, report.count(EntryStatus.UPDATE_AVAILABLE), "update available", "updates available");
    add(parts, report.count(EntryStatus.UP_TO_DATE), "up to date", "up to date");
    add(parts, report.count(EntryStatus.SKIPPED), "skipped", "skipped");
    add(parts, report.count(EntryStatus.ERROR), "error", "errors");
    long written = report.changes().stream().filter(c -> c.outcome() == FileChange.Outcome.WRITTEN).count();
    if (written > 0) {
      parts.add(written + (written == 1 ? " file written" : " files written"));
    }
    String head =
        images == 0
            ? "no pinned images found"
            : images + (images == 1 ? " image" : " images") + " in " + files + (files == 1 ? " file" : " files");
    return parts.isEmpty() ? head : head + ": " + String.join(", ", parts);
  }

  private static void add(List<String> parts, int n, String one, String many) {
    if (n > 0) {
      parts.add(n + " " + (n == 1 ? one : many));
    }
  }
}
