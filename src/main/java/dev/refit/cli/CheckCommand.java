package dev.refit.cli;

import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.registry.RegistryHostStats;
import dev.refit.target.Target;
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

/** {@code refit check}: which containers have a newer image in their registry? */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reports, for every container on a Docker host, whether its registry has a newer image.",
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

  @Parameters(paramLabel = "NAME", arity = "0..*", description = "Check only these containers.")
  private List<String> names = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (CheckSession session = CheckSession.open(targetOptions, parent.environment())) {
      String dockerHost = session.engine().host();
      ProgressLine progress = ProgressLine.forTerminal(err);
      progress.show("listing containers on " + dockerHost);
      List<Target> targets = selected(session.discover(all), dockerHost);
      List<CheckResult> results = session.check(targets, progress);
      progress.clear();
      List<RegistryHostStats> stats = session.registry().stats();
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
    for (String name : names) {
      if (targets.stream().noneMatch(t -> t.name().equals(name))) {
        throw new IllegalArgumentException("no container named '" + name + "' on " + dockerHost);
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
