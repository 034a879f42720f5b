package dev.refit.docker;

/**
 * The Docker Engine could not be reached or refused a request; the message says which engine and
 * what was asked.
 */
public final class DockerEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public DockerEngineException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /**
   * @param status the HTTP status the engine answered
   */
  public DockerEngineException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the engine answered, or 0 when it never answered. */
  public int status() {
    return status;
  }
}
