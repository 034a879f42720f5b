package dev.refit.files.hcl;

import dev.refit.files.FileParseException;
import dev.refit.files.SourceFile;
import dev.refit.files.hcl.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The string attributes of an HCL file and the blocks they sit in: enough structure to find image
 * references, {@code locals} and {@code variable} defaults, without evaluating expressions.
 */
final class HclDocument {
  private final List<Attribute> attributes;

  private HclDocument(List<Attribute> attributes) {
    this.attributes = List.copyOf(attributes);
  }

  List<Attribute> attributes() {
    return attributes;
  }

  /**
   * @throws FileParseException for unclosed strings, comments, heredocs or brackets
   */
  static HclDocument parse(SourceFile file) {
    List<Token> tokens = new HclLexer(file).tokens();
    List<Attribute> attributes = new ArrayList<>();
    Deque<Open> open = new ArrayDeque<>();
    int statementStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.NEWLINE || t.is(Kind.PUNCT, ",")) {
        statementStart = i + 1;
      } else if (t.is(Kind.PUNCT, "{") || t.is(Kind.PUNCT, "[") || t.is(Kind.PUNCT, "(")) {
        open.push(new Open(t, header(tokens.subList(statementStart, i))));
        statementStart = i + 1;
      } else if (t.is(Kind.PUNCT, "}") || t.is(Kind.PUNCT, "]") || t.is(Kind.PUNCT, ")")) {
        if (open.isEmpty() || !matches(open.peek().token().text(), t.text())) {
          throw new FileParseException(
              file.lineAt(t.start()), "not valid HCL: '" + t.text() + "' closes nothing");
        }
        open.pop();
      } else if (i == statementStart && i + 2 < tokens.size() && isKey(t)) {
        Token assign = tokens.get(i + 1);
        Token value = tokens.get(i + 2);
        if ((assign.is(Kind.PUNCT, "=") || assign.is(Kind.PUNCT, ":"))
            && value.kind() == Kind.STRING
            && endsExpression(tokens, i + 3)) {
          attributes.add(new Attribute(file, keyText(t), value, blocks(open)));
        }
      }
    }
    if (!open.isEmpty()) {
      Token t = open.peek().token();
      throw new FileParseException(
          file.lineAt(t.start()), "not valid HCL: this '" + t.text() + "' is never closed");
    }
    return new HclDocument(attributes);
  }

  private record Open(Token token, List<String> header) {}

  private static boolean matches(String open, String close) {
    return (open.equals("{") && close.equals("}"))
        || (open.equals("[") && close.equals("]"))
        || (open.equals("(") && close.equals(")"));
  }

  private static boolean isKey(Token t) {
    return t.kind() == Kind.IDENT || t.isPlainString();
  }

  private static String keyText(Token t) {
    return t.kind() == Kind.STRING ? t.stringValue() : t.text();
  }

  /** A string that is the whole value, not the start of a longer expression. */
  private static boolean endsExpression(List<Token> tokens, int next) {
    if (next >= tokens.size()) {
      return true;
    }
    Token t = tokens.get(next);
    return t.kind() == Kind.NEWLINE
        || t.is(Kind.PUNCT, ",")
        || t.is(Kind.PUNCT, "}")
        || t.is(Kind.PUNCT, "]")
        || t.is(Kind.PUNCT, ")");
  }

  private static List<String> header(List<Token> tokens) {
    List<String> words = new ArrayList<>();
    for (Token t : tokens) {
      words.add(t.kind() == Kind.STRING ? t.stringValue() : t.text());
    }
    return words;
  }

  private static List<List<String>> blocks(Deque<Open> open) {
    List<List<String>> blocks = new ArrayList<>();
    open.descendingIterator().forEachRemaining(o -> blocks.add(o.header()));
    return blocks;
  }
}
