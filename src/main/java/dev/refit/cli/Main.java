package dev.refit.cli;

import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code refit} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  /** Runs one command line with the given environment and returns its exit code. */
  public static int run(String[] args, Map<String, String> environment) {
    CommandLine cli = new CommandLine(new RefitCommand(environment));
    cli.setExecutionExceptionHandler(new OneLineErrors());
    return cli.execute(args);
  }
}
