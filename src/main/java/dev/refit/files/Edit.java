package dev.refit.files;

/** Replace exactly the characters of {@code span} with {@code replacement}. */
public record Edit(Span span, String replacement) {
  public Edit {
    if (span.text().contains("\n") || replacement.contains("\n")) {
      throw new IllegalArgumentException("an edit stays within one line");
    }
  }

  /** Whether the two edits touch any character in common, or both insert at one place. */
  public boolean overlaps(Edit other) {
    return span.file() == other.span.file()
        && span.start() < other.span.end()
        && other.span.start() < span.end();
  }
}
