package dev.refit.files;

import java.util.Comparator;
import java.util.List;

/** Applies edits to a file's text, leaving every other character as it was. */
public final class TextEdits {
  private TextEdits() {}

  /**
   * @param edits edits of {@code file}, none overlapping another
   */
  public static String apply(SourceFile file, List<Edit> edits) {
    List<Edit> sorted = edits.stream().sorted(Comparator.comparingInt(e -> e.span().start())).toList();
    StringBuilder out = new StringBuilder(file.text().length() + 64);
    int at = 0;
    for (Edit edit : sorted) {
      if (edit.span().file() != file) {
        throw new IllegalArgumentException("edit of " + edit.span().file() + " applied to " + file);
      }
      if (edit.span().start() < at) {
        throw new IllegalArgumentException("overlapping edits at line " + edit.span().line());
      }
      out.append(file.text(), at, edit.span().start()).append(edit.replacement());
      at = edit.span().end();
    }
    return out.append(file.text(), at, file.text().length()).toString();
  }
}
