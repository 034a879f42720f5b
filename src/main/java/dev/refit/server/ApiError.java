package dev.refit.server;

/** An API request that ends with an error status and a one-line reason in {@code {"error": ...}}. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
