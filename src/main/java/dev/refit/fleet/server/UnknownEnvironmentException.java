package dev.refit.fleet.server;

/** A command or question named an environment the server does not know (or one revoked). */
public final class UnknownEnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownEnvironmentException(String environment) {
    super("no environment named '" + environment + "'");
  }
}
