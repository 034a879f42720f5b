package dev.refit.files;

/**
 * Characters {@code [start, end)} of a file: where a tag or digest is written, and so exactly what an
 * edit replaces.
 */
public record Span(SourceFile file, int start, int end) {
  public Span {
    if (start < 0 || end < start || end > file.text().length()) {
      throw new IllegalArgumentException("span " + start + ".." + end + " is outside " + file);
    }
  }

  public String text() {
    return file.text().substring(start, end);
  }

  public int line() {
    return file.lineAt(start);
  }
}
