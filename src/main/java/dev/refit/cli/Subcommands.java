package dev.refit.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The top-level subcommands, given to picocli only when they are needed. Picocli reflects over
 * every subcommand it is told about (its options, mixins, their types and converters): for {@code
 * refit serve}, a daemon that lives for months, that meant ~13 commands' classes loaded and kept
 * for nothing. A command line that names a subcommand gets only that one; anything else (no
 * command, {@code --help}, a misspelt name) gets them all, for the usage and the suggestions.
 */
final class Subcommands {
  /** The names in the order the usage lists them. */
  static final List<String> NAMES =
      List.of(
          "check", "update", "rollback", "history", "files", "self-update", "serve", "agent", "fleet",
          "approve", "config", "host-job", "campaign");

  private Subcommands() {}

  /** The top-level command line for these arguments. */
  static CommandLine commandLine(RefitCommand top, String[] args) {
    CommandLine cli = new CommandLine(top);
    String named = firstArgument(args);
    for (String name : NAMES.contains(named) ? List.of(named) : NAMES) {
      cli.addSubcommand(name, create(name));
    }
    return cli;
  }

  // The top-level options (--help, --version) take no value: the first other argument is the
  // subcommand's name.
  private static String firstArgument(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return "";
  }

  // One constructor call per name, so that only the class of the command that runs is loaded.
  private static Object create(String name) {
    return switch (name) {
      case "check" -> new CheckCommand();
      case "update" -> new UpdateCommand();
      case "rollback" -> new RollbackCommand();
      case "history" -> new HistoryCommand();
      case "files" -> new FilesCommand();
      case "self-update" -> new SelfUpdateCommand();
      case "serve" -> new ServeCommand();
      case "agent" -> new AgentCommand();
      case "fleet" -> new FleetCommand();
      case "approve" -> new ApproveCommand();
      case "config" -> new ConfigCommand();
      case "host-job" -> new HostJobCommand();
      case "campaign" -> new CampaignCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }
}
