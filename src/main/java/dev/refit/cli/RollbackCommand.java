package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.PipelineOptions;
import dev.refit.pipeline.Rollbacks;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.store.Database;
import dev.refit.store.UpdateHistory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit rollback NAME [--to HISTORY_ID] [--with-data]}: puts back the image, by digest, that the history
 * says the target ran, through the same pipeline as an update (so the old image is pulled by
 * digest, gated and, should it fail now, rolled back itself; and the rollback is recorded).
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Puts a container or Swarm service back on an image it ran before, by digest: without --to,"
          + " the image it ran before its newest applied update; with --to ID, the image history"
          + " entry ID left running (the new image of an applied update, the old one of a rolled back"
          + " or failed one). See the ids with 'refit history'.",
      "With --with-data, a container's volumes go back too, to the snapshot refit.backup=volumes"
          + " kept while it ran that image; without one, nothing changes and the exit status is 1.",
      "Pulled by digest, recreated with the same configuration (a service: its spec with only the"
          + " image changed), gated and rolled back on failure like any update; recorded in the history.",
      "Exit status: 0 rolled back (or already there), 1 it failed, 2 errors."
    })
final class RollbackCommand implements Callable<Integer> {
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  /**
   * What to roll back and how: the seam where later options (restoring volume snapshots) join
   * without the command growing logic of its own.
   *
   * @param target the container or service name
   * @param historyId the history entry whose image to go back to, or {@code null} for the one
   *     before the newest applied update
   * @param withData whether the container's volumes go back too, to the snapshot kept while it
   *     ran that image
   */
  record RollbackOptions(
      String target, @Nullable Long historyId, boolean withData, boolean dryRun, boolean json) {}

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private TargetOptions targetOptions;

  @Option(names = "--to", paramLabel = "HISTORY_ID", description = "Go back to the image this history entry left running.")
  private Long historyId;

  @Option(
      names = "--with-data",
      description =
          "Also put back the container's volumes as they were when it ran that image: the snapshot"
              + " refit.backup=volumes kept before the update (the current data is snapshotted first)."
              + " Containers only.")
  private boolean withData;

  @Option(names = "--dry-run", description = "Show what would be rolled back and how; change and record nothing.")
  private boolean dryRun;

  @Option(names = "--json", description = "Print a JSON document instead of the table.")
  private boolean json;

  @Parameters(paramLabel = "NAME", description = "The container or service to roll back.")
  private String name;

  @Override
  public Integer call() {
    return run(new RollbackOptions(name, historyId, withData, dryRun, json));
  }

  private int run(RollbackOptions options) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RefitConfig config = targetOptions.load(parent.environment(), List.of());
    try (Database database = StateDirectory.open(config, parent.environment())) {
      CycleRequest request =
          new Rollbacks(new UpdateHistory(database))
              .request(options.target(), options.historyId(), options.withData(), "cli:rollback");
      PipelineOptions pipelineOptions =
          PipelineOptions.builder()
              .dryRun(options.dryRun())
              .lockWait(LOCK_WAIT, () -> err.println("refit: another Refit is updating; waiting for it to finish"))
              .build();
      try (EngineSession session = EngineSession.open(config, parent.environment());
          Notifiers notifiers = session.pipelines().notifiers(delivery -> {})) {
        UpdatePipeline pipeline = session.pipelines().pipeline(database, notifiers, pipelineOptions);
        return UpdateCommand.runOnce(pipeline, request, options.json(), out, err);
      }
    }
  }
}
