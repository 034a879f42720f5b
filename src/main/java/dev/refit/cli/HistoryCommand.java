package dev.refit.cli;

import dev.refit.fleet.server.SqlAgentStore;
import dev.refit.store.Database;
import dev.refit.store.HistoryFilter;
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
import java.util.Objects;
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

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "NAME",
      description = {
        "Only this fleet environment's entries: 'local' for this host's own, or an agent's name",
        "(on a fleet server, which keeps the history its agents send). Default: all."
      })
  private String environment;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = StateDirectory.open(options.load(parent.environment()), parent.environment())) {
      for (JournalEntry e : new Journal(db, Clock.systemUTC()).unfinished()) {
        spec.commandLine()
            .getErr()
            .println(
                "refit: the update of " + e.targetName() + " was interrupted at step '" + e.step()
                    + "'; the next 'refit update' completes or undoes it");
      }
      HistoryFilter filter = HistoryFilter.parse(environment, null, null);
      String named = filter.environment();
      if (named != null
          && !HistoryFilter.OWN.equals(named)
          && new SqlAgentStore(db).findByName(named).isEmpty()) {
        throw new IllegalArgumentException(
            "--environment '" + named + "': no such fleet environment (refit fleet ls lists them)");
      }
      UpdateHistory history = new UpdateHistory(db);
      List<HistoryEntry> entries = history.page(filter, 0, limit);
      if (entries.isEmpty()) {
        out.println(named == null ? "no updates recorded yet" : "no updates recorded yet in " + named);
        return 0;
      }
      // the environment column only where agents sent history upstream (a fleet server)
      boolean fleet = entries.stream().anyMatch(e -> e.environment() != null);
      List<String[]> rows = new ArrayList<>();
      rows.add(fleet ? withEnvironment(HEADERS, "ENVIRONMENT") : HEADERS);
      for (HistoryEntry e : entries) {
        String[] row =
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
            };
        rows.add(fleet ? withEnvironment(row, Objects.requireNonNullElse(e.environment(), HistoryFilter.OWN)) : row);
      }
      TextTable.print(rows, out);
      int total = history.count(filter);
      if (total > entries.size()) {
        out.println();
        out.println(entries.size() + " of " + total + " entries; --limit shows more");
      }
      return 0;
    }
  }

  /** The row with the environment after the time. */
  private static String[] withEnvironment(String[] row, String environment) {
    String[] out = new String[row.length + 1];
    out[0] = row[0];
    out[1] = row[1];
    out[2] = environment;
    System.arraycopy(row, 2, out, 3, row.length - 2);
    return out;
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
