package dev.refit.files;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import java.nio.file.Path;

/**
 * One line of the report: an image found in a file, or a file (or path) that could not be used.
 *
 * @param file the file, as the user named it
 * @param line the 1-based line, or 0 for a problem with the whole file
 * @param format the format it was read as, or {@code null} for a file that was not read
 * @param written the reference as the file writes it, or {@code null} for a file problem
 * @param image the parsed reference, or {@code null} when it could not be parsed
 * @param policy the version policy applied, as text, or {@code null} when none was chosen
 * @param status the verdict
 * @param newTag for an update, the tag to write ({@code null} when only the digest moves)
 * @param newDigest for an update of a reference that pins a digest, the digest to write
 * @param reason why, for errors and skips
 */
public record FileEntry(
    Path file,
    int line,
    String format,
    String written,
    ImageReference image,
    String policy,
    EntryStatus status,
    String newTag,
    Digest newDigest,
    String reason) {

  static FileEntry fileProblem(Path file, int line, String reason) {
    return new FileEntry(file, line, null, null, null, null, EntryStatus.ERROR, null, null, reason);
  }

  /** A file left alone on purpose: its name matched a format, its content is something else. */
  static FileEntry fileSkipped(Path file, int line, String reason) {
    return new FileEntry(file, line, null, null, null, null, EntryStatus.SKIPPED, null, null, reason);
  }

  /** The reference after the update: the new tag, the new digest, or both. */
  public ImageReference updated() {
    if (status != EntryStatus.UPDATE_AVAILABLE) {
      return null;
    }
    ImageReference moved = newTag == null ? image : image.withoutDigest().withTag(newTag);
    return newDigest == null ? moved : moved.withoutDigest().withDigest(newDigest);
  }

  FileEntry failed(String why) {
    return new FileEntry(file, line, format, written, image, policy, EntryStatus.ERROR, null, null, why);
  }
}
