package dev.refit.docker;

/**
 * The engine answered a request with an error status. The message is the engine's own words (its
 * {@code message} field), which callers show in one line; {@link #status} tells the kind of
 * refusal, so that "already done" answers ({@code 304}, {@code 404} on a removal) can be told from
 * failures.
 */
public final class EngineApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public EngineApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the engine answered. */
  public int status() {
    return status;
  }

  /** 404: no such container, image, volume, network, service... */
  public boolean notFound() {
    return status == 404;
  }

  /** 409: a name taken, a container in use, ... */
  public boolean conflict() {
    return status == 409;
  }

  /** 304: already in the state asked for (a started container started again). */
  public boolean notModified() {
    return status == 304;
  }
}
