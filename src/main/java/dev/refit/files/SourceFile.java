package dev.refit.files;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A text file as read, with its line starts, so that every reference found in it can name its line
 * and every edit can be applied to exactly the characters it replaces. The text is the file's
 * content exactly (line endings, a byte order mark and a missing final newline included).
 */
public final class SourceFile {
  private final Path path;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(Path path, String text) {
    this.path = Objects.requireNonNull(path, "path");
    this.text = Objects.requireNonNull(text, "text");
    this.lineStarts = lineStarts(text);
  }

  public Path path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** The 1-based line of the character at {@code offset}. */
  public int lineAt(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The offset where 1-based {@code line} starts. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** The offset just past {@code line}'s content, before its {@code \n} or {@code \r\n}. */
  public int lineEnd(int line) {
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (line < lineStarts.length && end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** The content of 1-based {@code line}, without its line ending. */
  public String line(int line) {
    return text.substring(lineStart(line), lineEnd(line));
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
