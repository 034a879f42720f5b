package dev.refit.fleet.server;

/** A connection or request the fleet refuses, with the HTTP status to answer and one line. */
public final class FleetRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public FleetRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
