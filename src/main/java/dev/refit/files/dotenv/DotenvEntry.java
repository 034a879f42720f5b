package dev.refit.files.dotenv;

import dev.refit.files.Piece;
import dev.refit.files.SourceFile;

/**
 * One {@code KEY=value} line of a dotenv file.
 *
 * @param key the key as written
 * @param value the value as the shell or Compose reads it (quotes removed, escapes applied)
 * @param valueStart where the value's text begins in the file (inside the quotes)
 * @param raw the value's text as written, without its quotes
 * @param quote the quote character, or 0 when unquoted
 * @param line the 1-based line of the key
 * @param end the offset just past the value (and its closing quote)
 */
record DotenvEntry(
    String key, String value, int valueStart, String raw, char quote, int line, int end) {

  /** Whether the value is built from other variables, so not pinned here. */
  boolean templated() {
    return quote != '\'' && value.contains("$");
  }

  /** The value as a piece of a reference: editable where it is written verbatim. */
  Piece piece(SourceFile file) {
    return raw.equals(value) ? Piece.at(file, valueStart, value) : Piece.synthetic(value);
  }
}
