package dev.refit.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code refit} command; the work happens in its subcommands ({@link Subcommands}). */
@Command(
    name = "refit",
    mixinStandardHelpOptions = true,
    versionProvider = RefitVersion.class,
    description = "Finds and rolls out container image updates, safely.")
final class RefitCommand implements Runnable {
  private final Map<String, String> environment;

  @Spec private CommandSpec spec;

  RefitCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
