package dev.refit.version;

/**
 * Thrown for a policy string or pattern that cannot be used. The message is one line naming the bad
 * value and what is allowed, because it ends up in a log line or a CLI error next to the image name.
 */
public final class InvalidPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidPolicyException(String message) {
    super(message);
  }

  /**
   * Quotes a user-supplied value for a message. Labels can hold line breaks; escaping them keeps
   * the message on one line.
   */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    return "'" + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
  }
}
