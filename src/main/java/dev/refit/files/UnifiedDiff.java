package dev.refit.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of one file, as {@code diff -u} prints it, with three lines of context. The edits
 * Refit makes never add or remove a line, so lines pair up one to one and no sequence alignment
 * is needed. Lines are shown without their line endings; a last line without one gets the usual
 * {@code \ No newline at end of file}. Context lines that may hold secrets are masked (see
 * {@link SecretMask}): the diff is for reading, {@code --write} makes the change.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private UnifiedDiff() {}

  /**
   * @param name the path shown in the {@code ---}/{@code +++} header
   * @return the diff, empty when the texts are equal
   */
  public static String of(String name, String before, String after) {
    List<String> old = lines(before);
    List<String> now = lines(after);
    List<String> context = SecretMask.mask(old);
    if (old.size() != now.size()) {
      throw new IllegalArgumentException("edits changed the number of lines of " + name);
    }
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      if (!old.get(i).equals(now.get(i))) {
        changed.add(i);
      }
    }
    if (changed.isEmpty()) {
      return "";
    }
    boolean oldEndsInNewline = before.endsWith("\n");
    boolean newEndsInNewline = after.endsWith("\n");
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(name).append('\n');
    out.append("+++ ").append(name).append('\n');
    int last = old.size() - 1;
    int h = 0;
    while (h < changed.size()) {
      int from = Math.max(0, changed.get(h) - CONTEXT);
      int end = h;
      while (end + 1 < changed.size() && changed.get(end + 1) - changed.get(end) <= 2 * CONTEXT) {
        end++;
      }
      int to = Math.min(last, changed.get(end) + CONTEXT);
      int count = to - from + 1;
      out.append("@@ -").append(range(from, count)).append(" +").append(range(from, count)).append(" @@\n");
      int i = from;
      while (i <= to) {
        if (old.get(i).equals(now.get(i))) {
          line(out, ' ', context.get(i), i == last && !oldEndsInNewline);
          i++;
          continue;
        }
        // a run of changed lines shows all its removals, then all its additions, as diff does
        int runEnd = i;
        while (runEnd + 1 <= to && !old.get(runEnd + 1).equals(now.get(runEnd + 1))) {
          runEnd++;
        }
        for (int r = i; r <= runEnd; r++) {
          line(out, '-', old.get(r), r == last && !oldEndsInNewline);
        }
        for (int r = i; r <= runEnd; r++) {
          line(out, '+', now.get(r), r == last && !newEndsInNewline);
        }
        i = runEnd + 1;
      }
      h = end + 1;
    }
    return out.toString();
  }

  private static void line(StringBuilder out, char prefix, String text, boolean noNewline) {
    out.append(prefix).append(text).append('\n');
    if (noNewline) {
      out.append(NO_NEWLINE).append('\n');
    }
  }

  private static String range(int from, int count) {
    return count == 1 ? String.valueOf(from + 1) : (from + 1) + "," + count;
  }

  /** The lines without their endings; a final newline does not start another line. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        lines.add(text.substring(start, end));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
