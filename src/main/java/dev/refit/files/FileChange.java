package dev.refit.files;

import java.nio.file.Path;

/**
 * What became of one file that has updates.
 *
 * @param file the file, as the user named it
 * @param diff its unified diff
 * @param outcome whether it was, or would be, written
 * @param reason why it failed or was held back, else {@code null}
 */
public record FileChange(Path file, String diff, Outcome outcome, String reason) {
  public enum Outcome {
    /** Without {@code --write}: the diff is what {@code --write} would do. */
    PENDING,
    /** Written. */
    WRITTEN,
    /** Not written, because an image in it had an error (and no {@code --force}). */
    HELD_BACK,
    /** Writing failed; the file is unchanged. */
    FAILED
  }
}
