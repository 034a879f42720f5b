package dev.refit.files;

import java.io.IOException;
import java.nio.file.Path;

/** Replaces a file's content. */
@FunctionalInterface
public interface TextFileWriter {
  /**
   * @throws IOException with a message a user can act on; the file is then unchanged
   */
  void write(Path file, String text) throws IOException;
}
