package dev.refit.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** The top-level {@code refit} command; the work happens in its subcommands. */
@Command(
    name = "refit",
    mixinStandardHelpOptions = true,
    versionProvider = RefitVersion.class,
    description = "Finds and rolls out container image updates, safely.",
    subcommands = {
      CheckCommand.class,
      UpdateCommand.class,
      RollbackCommand.class,
      HistoryCommand.class,
      FilesCommand.class,
      SelfUpdateCommand.class,
      ServeCommand.class,
      AgentCommand.class,
      FleetCommand.class,
      ApproveCommand.class,
      ConfigCommand.class,
      HostJobCommand.class,
      CampaignCommand.class
    })
final class RefitCommand implements Runnable {
  private final Map<String, String> environment;

  RefitCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
