package dev.refit.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a comma-separated list of regexes. Only top-level commas separate: the commas in
 * {@code \d{1,3}}, {@code [,;]}, {@code (a,b)} or {@code \,} belong to their regex.
 */
final class RegexList {
  private RegexList() {}

  /** The non-blank items of {@code csv}, stripped of surrounding blanks. */
  static List<String> split(String csv) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == '\\') {
        i++; // the escaped character never separates or nests
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' || c == '{') {
        depth++;
      } else if ((c == ')' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        add(items, csv.substring(start, i));
        start = i + 1;
      }
    }
    add(items, csv.substring(start));
    return List.copyOf(items);
  }

  private static void add(List<String> items, String item) {
    if (!item.isBlank()) {
      items.add(item.strip());
    }
  }
}
