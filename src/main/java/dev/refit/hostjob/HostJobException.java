package dev.refit.hostjob;

/** A host job could not be run at all (no Swarm manager, an engine too old); says what to do. */
public final class HostJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostJobException(String message) {
    super(message);
  }
}
