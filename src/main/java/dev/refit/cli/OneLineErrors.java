package dev.refit.cli;

import dev.refit.config.ConfigException;
import dev.refit.docker.DockerEngineException;
import dev.refit.docker.EngineApiException;
import dev.refit.docker.EngineMessages;
import dev.refit.hostjob.HostJobException;
import dev.refit.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an error that ends a command into one line on stderr and exit code 2: users act on the
 * message, not on a stack trace. Unexpected failures keep their trace, since they are bugs.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
  static final int EXIT_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof DockerEngineException
        || e instanceof ConfigException
        || e instanceof StoreException
        || e instanceof HostJobException
        || e instanceof IllegalArgumentException) {
      cli.getErr().println("refit: " + e.getMessage());
      return EXIT_ERROR;
    }
    if (e instanceof EngineApiException) {
      cli.getErr().println("refit: the Docker Engine refused: " + EngineMessages.of(e));
      return EXIT_ERROR;
    }
    cli.getErr().println("refit: unexpected failure: " + e);
    e.printStackTrace(cli.getErr());
    return EXIT_ERROR;
  }
}
