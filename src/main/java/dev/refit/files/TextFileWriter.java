package dev.refit.files;

import java.io.IOException;
import java.nio.file.Path;

/** Replaces a file's content. */
@FunctionalInterface
public interface TextFileWriter {
  /**
   * @param expected the content Refit read and edited; when the file no longer holds it (someone
   *     changed it meanwhile), it is not overwritten
   * @throws IOException with a message a user can act on; the file is then unchanged
   */
  void write(Path file, String expected, String text) throws IOException;
}
