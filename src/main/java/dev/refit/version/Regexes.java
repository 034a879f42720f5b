package dev.refit.version;

import static dev.refit.version.InvalidPolicyException.quote;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles user-written regexes, turning syntax errors into one-line policy errors. */
final class Regexes {
  private Regexes() {}

  /**
   * Compiles {@code regex}.
   *
   * @param where names the setting the regex came from, for the error message
   * @throws InvalidPolicyException if the regex is not valid Java syntax
   */
  static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      // PatternSyntaxException.getMessage() spans several lines; rebuild it as one.
      String position = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
      throw new InvalidPolicyException(
          "invalid regex "
              + quote(regex)
              + " in "
              + where
              + ": "
              + e.getDescription()
              + position
              + "; expected a Java regular expression");
    }
  }
}
