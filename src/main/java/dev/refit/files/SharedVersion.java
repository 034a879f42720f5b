package dev.refit.files;

import java.util.Comparator;
import java.util.List;

/**
 * Helpers for one version written once for several images (a Dockerfile {@code ARG} used by
 * several {@code FROM}s): what each image's reference becomes when that place changes, and which
 * of several proposed versions is the lowest.
 */
final class SharedVersion {
  /** Digits compare as numbers, everything else as text: {@code 1.9 < 1.10}. */
  static final Comparator<String> ORDER = SharedVersion::compare;

  private SharedVersion() {}

  /** The reference's text after {@code edits}, those that lie in its written pieces. */
  static String textWith(WrittenReference reference, List<Edit> edits) {
    StringBuilder b = new StringBuilder();
    for (Piece piece : reference.pieces()) {
      Span at = piece.span();
      String text = piece.text();
      if (at != null) {
        List<Edit> inside =
            edits.stream()
                .filter(e -> e.span().file() == at.file() && at.start() <= e.span().start() && e.span().end() <= at.end())
                .sorted(Comparator.comparingInt((Edit e) -> e.span().start()).reversed())
                .toList();
        for (Edit e : inside) {
          text = text.substring(0, e.span().start() - at.start()) + e.replacement()
              + text.substring(e.span().end() - at.start());
        }
      }
      b.append(text);
    }
    return b.toString();
  }

  /** The replacement {@code edits} write into {@code span}, or {@code null}. */
  static String replacementAt(List<Edit> edits, Span span) {
    return edits.stream().filter(e -> e.span().equals(span)).map(Edit::replacement).findFirst().orElse(null);
  }

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
