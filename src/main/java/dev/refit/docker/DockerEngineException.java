package dev.refit.docker;

/** The Docker Engine could not be reached or refused a request; the message says which engine. */
public final class DockerEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DockerEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
