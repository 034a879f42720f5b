package dev.refit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code refit} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    LauncherArchive.dropIfUnused(
        System.getProperty(LauncherArchive.PROPERTY), System.getProperty("java.vm.info", ""));
    System.exit(run(args, System.getenv()));
  }

  /** Runs one command line with the given environment and returns its exit code. */
  public static int run(String[] args, Map<String, String> environment) {
    return run(
        args,
        environment,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
  }

  /** As {@link #run(String[], Map)}, printing to the given writers: for tests and embedding. */
  public static int run(
      String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine cli = Subcommands.commandLine(new RefitCommand(environment), args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new OneLineErrors());
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
