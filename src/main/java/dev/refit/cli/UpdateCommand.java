package dev.refit.cli;

import dev.refit.check.WantedImage;
import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import dev.refit.notify.Notifiers;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.PipelineOptions;
import dev.refit.pipeline.UpdatePipeline;
import dev.refit.settings.Durations;
import dev.refit.store.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit update}: a person's order to apply what {@code check} finds, now, through the same
 * pipeline the daemon runs: one target at a time, safely, with history and notifications.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Updates running containers whose registry has a newer image (same policies and labels as"
          + " check): pull, recreate with the same configuration, wait until healthy, roll back on"
          + " failure. Updates a killed run left unfinished are completed or undone first.",
      "On a Swarm manager, also the services labelled refit.enable=true (or all, with"
          + " --all-services): the spec goes back with only the image changed, pinned by digest, and"
          + " Swarm rolls it out by the service's update config; a pause or a timeout rolls it back.",
      "You asked, so mode, approval, minimum age and maintenance windows give way (as for an API"
          + " apply); refit.monitor-only and --monitor-only still hold. Configured notifiers are told.",
      "With --to TAG, the named targets move to exactly that tag (pinned by its digest), even where"
          + " their policy would not pick it; a downgrade needs --allow-downgrade.",
      "Exit status: 0 nothing failed, 1 an update failed or was rolled back, 2 errors."
    })
final class UpdateCommand implements Callable<Integer> {
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private TargetOptions targetOptions;

  @Option(names = "--dry-run", description = "Show what would be updated and how; change and record nothing.")
  private boolean dryRun;

  @Option(names = "--monitor-only", description = "Report available updates, apply none.")
  private boolean monitorOnly;

  @Option(names = "--cleanup", description = "Remove the old image after a successful update.")
  private boolean cleanup;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description =
          "Run again every DURATION (e.g. 30m, 6h) until stopped. Refit running in a container"
              + " updates its own container only in this mode.")
  private String interval;

  @Option(
      names = "--to",
      paramLabel = "TAG",
      description =
          "Roll out exactly this tag of the named targets' repository (e.g. CI's build 42), pinned by"
              + " its digest, whatever their policy would pick; gated and rolled back on failure as usual.")
  private String toTag;

  @Option(
      names = "--allow-downgrade",
      description = "With --to: allow a tag older than the one running (refused otherwise).")
  private boolean allowDowngrade;

  @Option(names = "--json", description = "Print a JSON document instead of the table.")
  private boolean json;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Only these containers or services (default: all).")
  private List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration every = interval == null ? null : parseInterval(interval);
    List<ConfigOverride> flags =
        cleanup ? List.of(new ConfigOverride("update.cleanup", "true", "--cleanup")) : List.of();
    RefitConfig config = targetOptions.load(parent.environment(), flags);
    // a person asked for these updates now, as with the API's apply: the gates give way
    CycleRequest request = request();
    if (toTag != null && every != null) {
      throw new IllegalArgumentException("--to rolls out one tag once; it cannot be combined with --interval");
    }
    PipelineOptions options =
        PipelineOptions.builder()
            .longRunning(every != null)
            .monitorOnly(monitorOnly)
            .dryRun(dryRun)
            .lockWait(LOCK_WAIT, () -> err.println("refit: another Refit is updating; waiting for it to finish"))
            .build();
    try (EngineSession session = EngineSession.open(config, parent.environment());
        Notifiers notifiers = session.pipelines().notifiers(delivery -> {});
        Database database = StateDirectory.open(config, parent.environment())) {
      UpdatePipeline pipeline = session.pipelines().pipeline(database, notifiers, options);
      if (every == null) {
        return runOnce(pipeline, request, json, out, err);
      }
      while (true) {
        try {
          runOnce(pipeline, request, json, out, err);
        } catch (RuntimeException e) {
          // a service keeps going: the engine or the state may be back by the next run
          err.println("refit: this run failed: " + e.getMessage());
        }
        out.flush();
        Thread.sleep(every.toMillis());
      }
    }
  }

  private CycleRequest request() {
    if (toTag == null) {
      if (allowDowngrade) {
        throw new IllegalArgumentException("--allow-downgrade goes with --to TAG");
      }
      return names.isEmpty()
          ? CycleRequest.applyEverything("cli")
          : CycleRequest.apply(new LinkedHashSet<>(names), "cli");
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--to " + toTag + " needs the NAME of the container or service to move");
    }
    WantedImage.Tag tag;
    try {
      tag = new WantedImage.Tag(toTag, allowDowngrade);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to: " + e.getMessage(), e);
    }
    return CycleRequest.exact(new LinkedHashSet<>(names), tag, "cli");
  }

  /** Runs one cycle and prints it as a table or, with {@code --json}, a document; the exit status. */
  static int runOnce(
      UpdatePipeline pipeline, CycleRequest request, boolean json, PrintWriter out, PrintWriter err) {
    UpdateProgress progress = new UpdateProgress(ProgressLine.forTerminal(err));
    CycleReport report = pipeline.run(request, progress, progress);
    progress.clear();
    if (json) {
      UpdateReportJson.print(report, out);
    } else {
      UpdateReportPrinter.print(report, out);
    }
    return UpdateReportPrinter.exitCode(report);
  }

  private static Duration parseInterval(String text) {
    Duration d =
        Durations.parse(text)
            .orElseThrow(
                () -> new IllegalArgumentException("--interval='" + text + "' is not a duration; use e.g. 30m, 6h"));
    if (d.toSeconds() < 1) {
      throw new IllegalArgumentException("--interval='" + text + "' must be at least 1s");
    }
    return d;
  }
}
