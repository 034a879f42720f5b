package dev.refit.docker.swarm;

/**
 * Swarm refused an update because the service changed since it was read ({@code update out of
 * sequence}): someone else updated it. Read it again and retry.
 */
public final class ServiceVersionConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceVersionConflictException(String message) {
    super(message);
  }
}
