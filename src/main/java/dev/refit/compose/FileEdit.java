package dev.refit.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An edit of one file that can be redone and undone from the journal alone: the replaced
 * characters (versions, never other content, so no secret of a {@code .env} is journaled) and
 * the SHA-256 of the whole file before and after, so it is applied only to the very text it was
 * planned on, and undone only while the file still holds what Refit wrote.
 *
 * @param path the file
 * @param before SHA-256 (hex) of the content before the edit
 * @param after SHA-256 (hex) of the content after it
 * @param replacements the changes, by offset in the content before, in order, none overlapping
 */
public record FileEdit(String path, String before, String after, List<Replacement> replacements) {

  /**
   * @param start where the replaced characters start in the content before the edit
   * @param old the characters replaced
   * @param text what replaces them
   */
  public record Replacement(int start, String old, String text) {}

  public FileEdit {
    replacements = List.copyOf(replacements);
  }

  /** The edit that turns {@code content} into the content with {@code replacements} made. */
  public static FileEdit of(String path, String content, List<Replacement> replacements) {
    FileEdit planned = new FileEdit(path, sha256(content), "", replacements);
    return new FileEdit(path, planned.before, sha256(planned.forward(content)), replacements);
  }

  /** The edited content, or empty when {@code content} is not what the edit was planned on. */
  public Optional<String> apply(String content) {
    return sha256(content).equals(before) ? Optional.of(forward(content)) : Optional.empty();
  }

  /** The content before the edit, or empty when {@code content} is not what the edit wrote. */
  public Optional<String> revert(String content) {
    if (!sha256(content).equals(after)) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(content);
    // undone first to last: what precedes each replacement is then as it was before the edit
    for (Replacement r : replacements) {
      out.replace(r.start(), r.start() + r.text().length(), r.old());
    }
    return Optional.of(out.toString());
  }

  /** Whether {@code content} is what this edit wrote. */
  public boolean done(String content) {
    return sha256(content).equals(after);
  }

  private String forward(String content) {
    StringBuilder out = new StringBuilder(content.length() + 32);
    int at = 0;
    for (Replacement r : replacements) {
      out.append(content, at, r.start()).append(r.text());
      at = r.start() + r.old().length();
    }
    return out.append(content, at, content.length()).toString();
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
