package dev.refit.files;

/** A file that cannot be read as its format: the line and the reason, for one error line. */
public final class FileParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * @param line the 1-based line of the problem, or 0 when no line can be named
   */
  public FileParseException(int line, String reason) {
    super(reason);
    this.line = line;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return getMessage();
  }
}
