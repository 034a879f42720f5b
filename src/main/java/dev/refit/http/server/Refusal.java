package dev.refit.http.server;

/** A request the server refuses before any route sees it (bad head, too large); it closes the connection. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  Refusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
