package dev.refit.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-image markers: {@code # refit: semver:patch} or {@code # refit: ignore} (or with
 * {@code //} in Terraform) as a trailing comment after the value, or alone on the line directly
 * above it, for formats like Dockerfiles that have no trailing comments.
 */
public final class Markers {
  private static final Pattern TRAILING = Pattern.compile("(?:#|//)\\s*refit:\\s*(.*?)\\s*$");
  private static final Pattern ALONE = Pattern.compile("^\\s*(?:#|//)\\s*refit:\\s*(.*?)\\s*$");

  private Markers() {}

  /** A marker in the rest of the line after {@code offset}. */
  public static Optional<String> trailing(SourceFile file, int offset) {
    int line = file.lineAt(offset);
    String rest = file.text().substring(offset, Math.max(offset, file.lineEnd(line)));
    Matcher m = TRAILING.matcher(rest);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A marker comment alone on the line directly above 1-based {@code line}. */
  public static Optional<String> above(SourceFile file, int line) {
    if (line <= 1) {
      return Optional.empty();
    }
    Matcher m = ALONE.matcher(file.line(line - 1));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The trailing marker after {@code offset}, else one above its line. */
  public static String find(SourceFile file, int offset) {
    return trailing(file, offset).or(() -> above(file, file.lineAt(offset))).orElse(null);
  }
}
