package dev.refit.http.server;

/**
 * A refusal with its status: thrown by a handler (or a before-upgrade hook), answered as {@code
 * {"error": message}} unless an exception handler for it is registered.
 */
public class HttpStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public HttpStatusException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
