package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.store.Approval;
import dev.refit.store.Approvals;
import dev.refit.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit approve <id>}: lets an update in mode {@code approval} go ahead. It writes the
 * state database; a running {@code refit serve} notices within seconds and applies it (subject to
 * minimum age and maintenance windows).
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approves (or with --reject refuses) a pending update; without an id, lists open approvals.",
      "A running refit serve picks the decision up within seconds."
    })
final class ApproveCommand implements Callable<Integer> {
  @ParentCommand private RefitCommand parent;

  @Spec private CommandSpec spec;

  @Mixin private ConfigOptions options;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "The approval's id, as notifications and the API show it.")
  private Long id;

  @Option(names = "--reject", description = "Refuse the update instead.")
  private boolean reject;

  @Override
  public Integer call() {
    RefitConfig config = options.load(parent.environment());
    try (Database database = StateDirectory.open(config, parent.environment())) {
      Approvals approvals = new Approvals(database, Clock.systemUTC());
      PrintWriter out = spec.commandLine().getOut();
      if (id == null) {
        List<Approval> open = approvals.open();
        if (open.isEmpty()) {
          out.println("no open approvals");
        }
        for (Approval a : open) {
          out.println(
              a.id() + "  " + a.status().name().toLowerCase(Locale.ROOT) + "  " + a.update().targetName()
                  + "  " + a.fromImage() + " -> " + a.update().toImage() + "  (requested " + a.requestedAt() + ")");
        }
        return 0;
      }
      Approval decided = approvals.decide(id, !reject, "cli");
      out.println(
          "approval " + decided.id() + " " + decided.status().name().toLowerCase(Locale.ROOT) + ": "
              + decided.update().targetName() + " -> " + decided.update().toImage());
      return 0;
    }
  }
}
