package dev.refit.version;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Objects;
import java.util.Optional;

/**
 * A regex a user wrote (a {@code refit.include}/{@code refit.exclude} label, a {@code regex:}
 * policy, a files rule), compiled for RE2J. RE2J matches in time linear in the tag, whatever the
 * pattern: {@code (.*a){12}$} cannot hang a run the way it can with backtracking engines.
 *
 * <p>Equality looks at the text only; compiled patterns have none of their own.
 */
public final class UserRegex {
  private static final String VERSION_GROUP = "version";

  private final String text;
  private final Pattern pattern;

  private UserRegex(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /**
   * Compiles {@code text}.
   *
   * @param where names the setting the regex came from, for the error message
   * @throws InvalidPolicyException if the regex is not valid RE2 syntax, uses a construct RE2 does
   *     not have (lookarounds, backreferences, possessive quantifiers) or would expand too far
   */
  public static UserRegex compile(String text, String where) {
    Objects.requireNonNull(text, "text");
    return new UserRegex(text, Regexes.compile(text, where));
  }

  /** The regex as written. */
  public String text() {
    return text;
  }

  /** Whether the regex matches somewhere in {@code value}, as {@code Matcher.find()} does. */
  public boolean foundIn(String value) {
    return pattern.matcher(value).find();
  }

  /** Whether the regex matches all of {@code value}. */
  public boolean matchesWhole(String value) {
    return pattern.matcher(value).matches();
  }

  /** Whether the regex has a named group {@code version}, written {@code (?<version>...)}. */
  boolean hasVersionGroup() {
    return pattern.namedGroups().containsKey(VERSION_GROUP);
  }

  /**
   * The text {@code value} is ranked by when the regex matches all of it: the {@code version}
   * group if the regex has one, else the whole value. Empty when the regex does not match, or the
   * group is optional and took no part in the match.
   */
  Optional<String> key(String value) {
    Matcher matcher = pattern.matcher(value);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(hasVersionGroup() ? matcher.group(VERSION_GROUP) : value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserRegex that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
