package dev.refit.files.hcl;

import java.util.List;

/**
 * A token of an HCL file.
 *
 * @param kind what it is
 * @param text its text as written (a string's with its quotes)
 * @param start its offset in the file
 * @param parts for a {@link Kind#STRING}, its literal text and interpolations in order
 */
record Token(Kind kind, String text, int start, List<Part> parts) {
  enum Kind {
    IDENT,
    STRING,
    HEREDOC,
    NUMBER,
    PUNCT,
    NEWLINE
  }

  /** A piece of a quoted string: literal text, or a {@code ${...}} or {@code %{...}} sequence. */
  sealed interface Part permits Literal, Interpolation, Directive {}

  /**
   * @param value the text as HCL reads it (escapes applied)
   * @param raw the text as written
   * @param start where {@code raw} starts in the file
   */
  record Literal(String value, String raw, int start) implements Part {}

  /** {@code ${expression}}: {@code expression} without the braces, trimmed. */
  record Interpolation(String expression) implements Part {}

  /** {@code %{ if ... }} and friends: template logic, never a plain value. */
  record Directive() implements Part {}

  Token {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  int end() {
    return start + text.length();
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  /** Whether this is a string with no interpolation or template logic. */
  boolean isPlainString() {
    return kind == Kind.STRING && parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** A plain string's value. */
  String stringValue() {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        b.append(l.value());
      }
    }
    return b.toString();
  }
}
