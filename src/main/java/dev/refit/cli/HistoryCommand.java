package dev.refit.cli;

import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateHistory;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit history}: every update Refit attempted, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Lists the updates Refit attempted, newest first, with how each ended.")
final class HistoryCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String[] HEADERS = {"ID", "TIME", "TARGET", "FROM", "TO", "OUTCOME", "MESSAGE"};

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private ConfigOptions options;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N entries (default: 20).")
  private int limit = 20;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Database db = StateDirectory.open(options.load(parent.environment()), parent.environment());
    for (JournalEntry e : new Journal(db, Clock.systemUTC()).unfinished()) {
      spec.commandLine()
          .getErr()
          .println(
              "refit: the update of " + e.targetName() + " was interrupted at step '" + e.step()
                  + "'; the next 'refit update' completes or undoes it");
    }
    UpdateHistory history = new UpdateHistory(db);
    List<HistoryEntry> entries = history.page(0, limit);
    if (entries.isEmpty()) {
      out.println("no updates recorded yet");
      return 0;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (HistoryEntry e : entries) {
      rows.add(
          new String[] {
            // the id `refit rollback NAME --to ID` takes
            Long.toString(e.id()),
            TIME.format(e.startedAt()),
            // containers by name, as the history always showed them; other kinds say what they are
            "container".equals(e.targetKind()) ? e.targetName() : e.targetKind() + "/" + e.targetName(),
            orDash(e.fromImage()),
            orDash(e.toImage()),
            e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            orDash(e.message())
          });
    }
    TextTable.print(rows, out);
    int total = history.count();
    if (total > entries.size()) {
      out.println();
      out.println(entries.size() + " of " + total + " entries; --limit shows more");
    }
    return 0;
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
