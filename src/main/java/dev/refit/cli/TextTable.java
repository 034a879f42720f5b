package dev.refit.cli;

import java.io.PrintWriter;
import java.util.List;

/** Aligned columns two spaces apart with no trailing blanks, as {@code docker ps} prints them. */
final class TextTable {
  private TextTable() {}

  /** Prints the rows (the first one is usually the header); every row has the same columns. */
  static void print(List<String[]> rows, PrintWriter out) {
    if (rows.isEmpty()) {
      return;
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
