package dev.refit.files;

/**
 * Part of an image reference as a file writes it: either text at a place in a file, which an edit
 * may replace, or text the format adds when it joins parts (the {@code /} between a registry key
 * and a name key), or a value whose written form differs from its meaning (escapes, folding), which
 * cannot be edited in place.
 *
 * @param text the value
 * @param span where exactly that text is written, or {@code null} when it is not written verbatim
 */
public record Piece(String text, Span span) {
  public Piece {
    if (span != null && !span.text().equals(text)) {
      throw new IllegalArgumentException("piece '" + text + "' is not what " + span + " holds");
    }
  }

  /** Text written verbatim at {@code start} in {@code file}. */
  public static Piece at(SourceFile file, int start, String text) {
    return new Piece(text, new Span(file, start, start + text.length()));
  }

  /** Text that is not written verbatim anywhere: a separator, or an escaped value. */
  public static Piece synthetic(String text) {
    return new Piece(text, null);
  }
}
