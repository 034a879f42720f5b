package dev.refit.version;

import static dev.refit.version.InvalidPolicyException.quote;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Compiles user-written regexes with RE2J, turning every refusal into a one-line policy error. */
final class Regexes {
  private static final String SYNTAX =
      "; Refit uses RE2 syntax: no lookarounds, backreferences or possessive quantifiers";

  private Regexes() {}

  /**
   * Compiles {@code regex}.
   *
   * @param where names the setting the regex came from, for the error message
   * @throws InvalidPolicyException if the regex is not valid RE2 syntax or expands too far
   */
  static Pattern compile(String regex, String where) {
    int size = RegexSize.estimate(regex);
    if (size > RegexSize.LIMIT) {
      // RE2J unrolls counted repeats; ((a{1000}){1000}){1000} would take the heap with it.
      throw new InvalidPolicyException(
          "regex "
              + quote(regex)
              + " in "
              + where
              + " is too large: its counted repeats expand to about "
              + size
              + " steps, at most "
              + RegexSize.LIMIT
              + " are allowed");
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      // RE2J's message names the offending piece, e.g. "invalid or unsupported Perl syntax: `(?=`".
      String message = String.valueOf(e.getMessage()).replace("error parsing regexp: ", "");
      throw new InvalidPolicyException(
          "invalid regex " + quote(regex) + " in " + where + ": " + oneLine(message) + SYNTAX);
    }
  }

  private static String oneLine(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r");
  }
}
