package dev.refit.files.dotenv;

import dev.refit.files.FileParseException;
import dev.refit.files.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dotenv files as Docker Compose does: {@code KEY=value}, optionally {@code export}ed, values
 * unquoted (a {@code #} after whitespace starts a comment), in single quotes (literal) or in double
 * quotes (backslash escapes, may span lines). Blank lines and {@code #} comments are skipped; any
 * other line is an error, as Compose would reject it.
 */
final class DotenvReader {
  private final SourceFile file;
  private final String text;
  private int pos;

  DotenvReader(SourceFile file) {
    this.file = file;
    this.text = file.text();
    // a byte order mark is not part of the first key; it stays in the text, so a write keeps it
    this.pos = text.startsWith("\uFEFF") ? 1 : 0;
  }

  List<DotenvEntry> entries() {
    List<DotenvEntry> entries = new ArrayList<>();
    while (pos < text.length()) {
      skipBlanks();
      if (atLineEnd() || peek() == '#') {
        nextLine();
        continue;
      }
      entries.add(entry());
      nextLine();
    }
    return entries;
  }

  private DotenvEntry entry() {
    int line = file.lineAt(pos);
    if (text.startsWith("export", pos)
        && pos + 6 < text.length()
        && (text.charAt(pos + 6) == ' ' || text.charAt(pos + 6) == '\t')) {
      pos += 6;
      skipBlanks();
    }
    int keyStart = pos;
    while (pos < text.length() && isKeyChar(text.charAt(pos), pos == keyStart)) {
      pos++;
    }
    if (pos == keyStart) {
      throw new FileParseException(line, "expected KEY=value, found '" + restOfLine() + "'");
    }
    String key = text.substring(keyStart, pos);
    skipBlanks();
    if (pos >= text.length() || peek() != '=') {
      throw new FileParseException(line, "expected '=' after " + key);
    }
    pos++;
    skipBlanks();
    if (pos < text.length() && (peek() == '"' || peek() == '\'')) {
      return quoted(key, line);
    }
    int start = pos;
    int end = start;
    while (pos < text.length() && !atLineEnd()) {
      char c = peek();
      if (c == '#' && pos > start && Character.isWhitespace(text.charAt(pos - 1))) {
        break;
      }
      pos++;
      if (!Character.isWhitespace(c)) {
        end = pos;
      }
    }
    String value = text.substring(start, end);
    return new DotenvEntry(key, value, start, value, (char) 0, line, end);
  }

  private DotenvEntry quoted(String key, int line) {
    char quote = peek();
    pos++;
    int start = pos;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new FileParseException(
            line, "the " + (quote == '"' ? "double" : "single") + "-quoted value of " + key
                + " has no closing quote");
      }
      char c = text.charAt(pos);
      if (c == quote) {
        break;
      }
      if (c == '\\' && quote == '"' && pos + 1 < text.length()) {
        char next = text.charAt(pos + 1);
        value.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> next;
            });
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    String raw = text.substring(start, pos);
    pos++;
    int end = pos;
    skipBlanks();
    if (!atLineEnd() && peek() != '#') {
      throw new FileParseException(
          file.lineAt(pos), "unexpected text after the quoted value of " + key + ": '" + restOfLine() + "'");
    }
    return new DotenvEntry(key, value.toString(), start, raw, quote, line, end);
  }

  private static boolean isKeyChar(char c, boolean first) {
    return c == '_'
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
  }

  private char peek() {
    return text.charAt(pos);
  }

  private boolean atLineEnd() {
    if (pos >= text.length()) {
      return true;
    }
    char c = text.charAt(pos);
    return c == '\n' || (c == '\r' && (pos + 1 == text.length() || text.charAt(pos + 1) == '\n'));
  }

  private void skipBlanks() {
    while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private void nextLine() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
    pos++;
  }

  private String restOfLine() {
    int end = pos;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return text.substring(pos, end);
  }
}
