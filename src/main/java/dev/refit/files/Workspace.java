package dev.refit.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of one run, each read once, so every edit applies to the text that was parsed. */
public interface Workspace {
  /**
   * @return the file, or empty when it cannot be read as UTF-8 text
   */
  Optional<SourceFile> read(Path path);

  /** The regular files directly in {@code directory}, sorted by name. */
  List<Path> list(Path directory);
}
