package dev.refit.fleet.protocol;

/**
 * A frame this side cannot accept. The message is one line naming what is wrong and where (the
 * message type and field path when known); it never quotes the frame, which may hold a secret.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }
}
