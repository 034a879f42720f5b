package dev.refit.files.hcl;

import dev.refit.files.FileParseException;
import dev.refit.files.SourceFile;
import dev.refit.files.hcl.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits HCL (Terraform) text into tokens: identifiers, quoted template strings with their
 * literal parts located, heredocs kept whole, numbers, punctuation and the newlines that end
 * attributes. Comments ({@code #}, {@code //}, {@code /* *\/}) are dropped.
 */
final class HclLexer {
  private final SourceFile file;
  private final String text;
  private int pos;

  HclLexer(SourceFile file) {
    this.file = file;
    this.text = file.text();
  }

  List<Token> tokens() {
    List<Token> tokens = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        tokens.add(new Token(Kind.NEWLINE, "\n", pos, null));
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
        pos++;
      } else if (c == '#' || text.startsWith("//", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (text.startsWith("/*", pos)) {
        int close = text.indexOf("*/", pos + 2);
        if (close < 0) {
          throw error(pos, "a /* comment is never closed");
        }
        pos = close + 2;
      } else if (c == '"') {
        tokens.add(string());
      } else if (text.startsWith("<<", pos) && heredocStart()) {
        tokens.add(heredoc());
      } else if (Character.isLetter(c) || c == '_') {
        int start = pos;
        while (pos < text.length() && isIdentPart(text.charAt(pos))) {
          pos++;
        }
        tokens.add(new Token(Kind.IDENT, text.substring(start, pos), start, null));
      } else if (Character.isDigit(c)) {
        int start = pos;
        while (pos < text.length()
            && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
          pos++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(start, pos), start, null));
      } else {
        int length = 1;
        for (String op : new String[] {"==", "!=", "<=", ">=", "&&", "||", "=>", "..."}) {
          if (text.startsWith(op, pos)) {
            length = op.length();
            break;
          }
        }
        tokens.add(new Token(Kind.PUNCT, text.substring(pos, pos + length), pos, null));
        pos += length;
      }
    }
    return tokens;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private Token string() {
    int start = pos;
    pos++;
    List<Token.Part> parts = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    int literalStart = pos;
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw error(start, "a quoted string is never closed");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        addLiteral(parts, value, literalStart);
        pos++;
        return new Token(Kind.STRING, text.substring(start, pos), start, parts);
      }
      if (c == '\\' && pos + 1 < text.length()) {
        pos = escape(value, pos);
      } else if ((text.startsWith("$${", pos) || text.startsWith("%%{", pos))) {
        value.append(c).append('{');
        pos += 3;
      } else if (text.startsWith("${", pos) || text.startsWith("%{", pos)) {
        addLiteral(parts, value, literalStart);
        int open = pos + 2;
        pos = closingBrace(open);
        String expression = text.substring(open, pos - 1).strip();
        parts.add(
            c == '$'
                ? new Token.Interpolation(stripStripMarkers(expression))
                : new Token.Directive());
        literalStart = pos;
      } else {
        value.append(c);
        pos++;
      }
    }
  }

  /** Appends the escape sequence at {@code at} to {@code value}; returns the offset after it. */
  private int escape(StringBuilder value, int at) {
    char next = text.charAt(at + 1);
    int digits = next == 'u' ? 4 : next == 'U' ? 8 : 0;
    if (digits > 0 && at + 2 + digits <= text.length()) {
      try {
        value.appendCodePoint(Integer.parseInt(text.substring(at + 2, at + 2 + digits), 16));
        return at + 2 + digits;
      } catch (IllegalArgumentException e) {
        throw error(at, "the escape \\" + next + " needs " + digits + " hex digits");
      }
    }
    value.append(
        switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> next;
        });
    return at + 2;
  }

  private static String stripStripMarkers(String expression) {
    String e = expression;
    if (e.startsWith("~")) {
      e = e.substring(1);
    }
    if (e.endsWith("~")) {
      e = e.substring(0, e.length() - 1);
    }
    return e.strip();
  }

  private void addLiteral(List<Token.Part> parts, StringBuilder value, int literalStart) {
    if (pos > literalStart) {
      parts.add(new Token.Literal(value.toString(), text.substring(literalStart, pos), literalStart));
    }
    value.setLength(0);
  }

  /** The offset after the brace that closes an interpolation opened just before {@code from}. */
  private int closingBrace(int from) {
    int depth = 1;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        int saved = pos;
        pos = i;
        string();
        i = pos;
        pos = saved;
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw error(from, "an interpolation ${...} is never closed");
  }

  private boolean heredocStart() {
    int i = pos + 2;
    if (i < text.length() && text.charAt(i) == '-') {
      i++;
    }
    return i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_');
  }

  private Token heredoc() {
    int start = pos;
    int i = pos + 2;
    if (text.charAt(i) == '-') {
      i++;
    }
    int nameStart = i;
    while (i < text.length() && isIdentPart(text.charAt(i))) {
      i++;
    }
    String delimiter = text.substring(nameStart, i);
    int line = file.lineAt(start) + 1;
    for (; line <= file.lineCount(); line++) {
      if (file.line(line).strip().equals(delimiter)) {
        pos = file.lineEnd(line);
        return new Token(Kind.HEREDOC, text.substring(start, pos), start, null);
      }
    }
    throw error(start, "the heredoc <<" + delimiter + " is never closed");
  }

  private FileParseException error(int offset, String reason) {
    return new FileParseException(file.lineAt(offset), "not valid HCL: " + reason);
  }
}
