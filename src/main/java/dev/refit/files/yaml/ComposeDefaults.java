package dev.refit.files.yaml;

import dev.refit.files.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose interpolation in an {@code image:} value: {@code ${VAR:-default}} and {@code
 * ${VAR-default}} stand for their default unless the variable is set, so the default is where the
 * file pins a version and where an update writes it. {@code $$} is a literal dollar.
 */
public final class ComposeDefaults {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}$]*))?\\}|\\$[A-Za-z_][A-Za-z0-9_]*");

  private ComposeDefaults() {}

  /**
   * The value's pieces with each variable replaced by its default, each piece placed where it is
   * written (when the value is), or empty when a variable has no default.
   */
  static Optional<List<Piece>> pieces(Piece value) {
    return pieces(value, name -> Optional.empty());
  }

  /**
   * The value's pieces with each variable replaced as Compose interpolates it: by its value where
   * {@code variables} knows it (a {@code .env} entry, placed where that file writes it), else by
   * its default ({@code ${VAR:-x}} also when the value is empty); empty when a variable has
   * neither.
   */
  public static Optional<List<Piece>> pieces(Piece value, Function<String, Optional<Piece>> variables) {
    String text = value.text();
    List<Piece> pieces = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    int literal = 0;
    while (m.find()) {
      if (m.start() > literal) {
        pieces.add(sub(value, literal, m.start()));
      }
      if (m.group().equals("$$")) {
        pieces.add(Piece.synthetic("$"));
      } else {
        String name = m.group(1) != null ? m.group(1) : m.group().substring(1);
        Optional<Piece> set = variables.apply(name);
        boolean emptyIsUnset = ":-".equals(m.group(2));
        if (set.isPresent() && !(emptyIsUnset && set.get().text().isEmpty())) {
          pieces.add(set.get());
        } else if (m.group(2) != null) {
          pieces.add(sub(value, m.start(3), m.end(3)));
        } else {
          return Optional.empty();
        }
      }
      literal = m.end();
    }
    if (literal < text.length()) {
      pieces.add(sub(value, literal, text.length()));
    }
    return pieces.stream().allMatch(p -> p.text().isEmpty()) ? Optional.empty() : Optional.of(pieces);
  }

  private static Piece sub(Piece value, int start, int end) {
    String text = value.text().substring(start, end);
    return value.span() == null
        ? Piece.synthetic(text)
        : Piece.at(value.span().file(), value.span().start() + start, text);
  }
}
