package dev.refit.image;

/** An image reference, digest or platform string that does not follow Docker's grammar. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidReferenceException(String input, String reason) {
    super("invalid image reference '" + input + "': " + reason);
    this.input = input;
  }

  /** The text that was rejected, exactly as given. */
  public String input() {
    return input;
  }
}
