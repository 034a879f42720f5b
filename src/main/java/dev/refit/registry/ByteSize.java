package dev.refit.registry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes as users write it in configuration: {@code 16MB}, {@code 512KB}, {@code 1GB}
 * or a plain number of bytes. Units are binary (1 KB = 1024 bytes), as heap sizes are.
 */
public record ByteSize(long bytes) {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|K|MB|M|GB|G)?");
  private static final long KB = 1024;
  private static final long MB = KB * 1024;
  private static final long GB = MB * 1024;

  public ByteSize {
    if (bytes < 1) {
      throw new IllegalArgumentException("is not a size above 0");
    }
  }

  /**
   * @throws IllegalArgumentException naming what is allowed, when the text is not a size
   */
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a size; use e.g. 512KB, 16MB, 1GB or bytes");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor =
        switch (unit) {
          case "KB", "K" -> KB;
          case "MB", "M" -> MB;
          case "GB", "G" -> GB;
          default -> 1;
        };
    if (n > Long.MAX_VALUE / factor) {
      throw new IllegalArgumentException("is too large");
    }
    return new ByteSize(n * factor);
  }

  /** The shortest exact form, the inverse of {@link #parse}: {@code 16MB}, {@code 1500}. */
  @Override
  public String toString() {
    if (bytes % GB == 0) {
      return bytes / GB + "GB";
    }
    if (bytes % MB == 0) {
      return bytes / MB + "MB";
    }
    if (bytes % KB == 0) {
      return bytes / KB + "KB";
    }
    return Long.toString(bytes);
  }
}
