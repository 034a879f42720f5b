package dev.refit.cli;

import dev.refit.config.ConfigLoader;
import dev.refit.config.Durations;
import dev.refit.config.RefitConfig;
import dev.refit.config.UpdateSettings;
import dev.refit.pipeline.UpdateCycle;
import dev.refit.pipeline.UpdateReport;
import dev.refit.plan.MonitorOnly;
import dev.refit.plan.OwnContainer;
import dev.refit.plan.Planner;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.Sleeper;
import dev.refit.rollout.container.ContainerRecreateApplier;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.store.Database;
import dev.refit.store.Journal;
import dev.refit.store.StateLock;
import dev.refit.store.UpdateHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit update}: applies what {@code check} finds, safely, one container at a time. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Updates running containers whose registry has a newer image (same policies and labels as"
          + " check): pull, recreate with the same configuration, wait until healthy, roll back on"
          + " failure. Updates a killed run left unfinished are completed or undone first.",
      "Exit status: 0 nothing failed, 1 an update failed or was rolled back, 2 errors."
    })
final class UpdateCommand implements Callable<Integer> {
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private TargetOptions targetOptions;

  @Option(names = "--dry-run", description = "Show what would be updated and how; change nothing.")
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

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these containers (default: all).")
  private List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration every = interval == null ? null : parseInterval(interval);
    RefitConfig config = new ConfigLoader(parent.environment()).load(targetOptions.configFile);
    UpdateSettings settings = config.update().withCleanup(cleanup || config.update().cleanup());
    Clock clock = Clock.systemUTC();
    Path stateDir = Database.defaultDirectory(parent.environment());
    Database db = Database.open(stateDir);
    Journal journal = new Journal(db, clock);
    Optional<String> selfId = SelfContainer.detect();
    try (CheckSession session = CheckSession.open(config, targetOptions, parent.environment())) {
      ContainerRecreateApplier containers =
          new ContainerRecreateApplier(
              session.engine(),
              session.registry(),
              session.credentials(),
              journal,
              settings,
              PausePoint.fromEnvironment(parent.environment()),
              selfId,
              clock,
              Sleeper.system());
      Rollout rollout = new Rollout(List.of(containers), journal, new UpdateHistory(db), "cli", clock);
      Planner planner =
          new Planner(List.of(new MonitorOnly(monitorOnly), new OwnContainer(selfId, every != null)), dryRun);
      UpdateCycle cycle = new UpdateCycle(() -> session.discover(false), session::check, planner, rollout);
      if (every == null) {
        return runOnce(cycle, stateDir, clock, out, err);
      }
      while (true) {
        try {
          runOnce(cycle, stateDir, clock, out, err);
        } catch (RuntimeException e) {
          // a service keeps going: the engine or the state may be back by the next run
          err.println("refit: this run failed: " + e.getMessage());
        }
        out.flush();
        Thread.sleep(every.toMillis());
      }
    }
  }

  private int runOnce(UpdateCycle cycle, Path stateDir, Clock clock, PrintWriter out, PrintWriter err) {
    UpdateProgress progress = new UpdateProgress(ProgressLine.forTerminal(err));
    try (StateLock lock =
        StateLock.acquire(
            stateDir,
            LOCK_WAIT,
            clock,
            () -> err.println("refit: another Refit is updating; waiting for it to finish"))) {
      UpdateReport report = cycle.run(names, dryRun, progress, progress);
      progress.clear();
      UpdateReportPrinter.print(report, out);
      return UpdateReportPrinter.exitCode(report);
    }
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
