package dev.refit.cli;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.config.RefitConfig;
import dev.refit.pipeline.TargetChecker;
import dev.refit.registry.RegistryHostStats;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit check}: which containers (and Swarm services) have a newer image in their registry? */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reports, for every container on a Docker host, whether its registry has a newer image.",
      "On a Swarm manager, services labelled refit.enable=true (or all, with --all-services) too.",
      "Exit status: 0 all up to date, 1 updates available, 2 errors."
    })
final class CheckCommand implements Callable<Integer> {
  static final int EXIT_UP_TO_DATE = 0;
  static final int EXIT_UPDATES = 1;

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private TargetOptions targetOptions;

  @Option(names = "--json", description = "Print a JSON document instead of a table.")
  private boolean json;

  @Option(names = "--all", description = "Include stopped containers too.")
  private boolean all;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Check only these containers or services.")
  private List<String> names = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RefitConfig config = targetOptions.load(parent.environment(), List.of());
    try (EngineSession session = EngineSession.open(config, parent.environment())) {
      String dockerHost = session.engine().host();
      ProgressLine progress = ProgressLine.forTerminal(err);
      progress.show("listing containers on " + dockerHost);
      // check only reads: the pipeline's first two steps, nothing recorded, nobody notified
      List<Target> targets = selected(session.pipelines().inventory(all).discover(), dockerHost);
      TargetChecker.Checked checked = session.pipelines().checker().check(targets, progress);
      progress.clear();
      List<CheckResult> results = checked.results();
      List<RegistryHostStats> stats = checked.registries();
      if (json) {
        out.println(CheckReportJson.render(dockerHost, Instant.now(), results, stats));
      } else {
        ResultTable.print(results, out);
      }
      return exitCode(results);
    }
  }

  private List<Target> selected(List<Target> targets, String dockerHost) {
    if (names.isEmpty()) {
      return targets;
    }
    boolean swarm = targets.stream().anyMatch(t -> t.kind() == TargetKind.SERVICE);
    for (String name : names) {
      if (targets.stream().noneMatch(t -> t.name().equals(name))) {
        throw new IllegalArgumentException(
            "no " + (swarm ? "container or service" : "container") + " named '" + name + "' on "
                + dockerHost);
      }
    }
    return targets.stream().filter(t -> names.contains(t.name())).toList();
  }

  static int exitCode(List<CheckResult> results) {
    if (results.stream().anyMatch(r -> r.status() == CheckStatus.ERROR)) {
      return OneLineErrors.EXIT_ERROR;
    }
    if (results.stream().anyMatch(r -> r.status() == CheckStatus.UPDATE_AVAILABLE)) {
      return EXIT_UPDATES;
    }
    return EXIT_UP_TO_DATE;
  }
}
