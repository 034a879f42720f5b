package dev.refit.files;

/** A file that cannot be read as its format: the line and the reason, for one error line. */
public final class FileParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final boolean notThisFormat;

  /**
   * @param line the 1-based line of the problem, or 0 when no line can be named
   */
  public FileParseException(int line, String reason) {
    this(line, reason, false);
  }

  /**
   * @param notThisFormat the file's name only suggested the format (a {@code .env.*} file that is
   *     a script or JSON): the file is skipped with the reason, not failed
   */
  public FileParseException(int line, String reason, boolean notThisFormat) {
    super(reason);
    this.line = line;
    this.notThisFormat = notThisFormat;
  }

  public boolean notThisFormat() {
    return notThisFormat;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return getMessage();
  }
}
