package dev.refit.compose;

import dev.refit.files.TextFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes and undoes {@link FileEdit}s, each file written atomically, both safe to repeat (a
 * recovery may repeat what a killed run did): a file that already holds the wanted content is left
 * as it is, and a file someone changed since Refit read it is never overwritten, only reported.
 */
public final class ComposeFiles {
  private final TextFileWriter writer;

  public ComposeFiles(TextFileWriter writer) {
    this.writer = writer;
  }

  /** Writes the edits; returns what went wrong, for the report (the update stands either way). */
  public List<String> write(List<FileEdit> edits) {
    List<String> problems = new ArrayList<>();
    for (FileEdit edit : edits) {
      Path file = Path.of(edit.path());
      try {
        String content = read(file);
        if (edit.done(content)) {
          continue;
        }
        Optional<String> edited = edit.apply(content);
        if (edited.isEmpty()) {
          problems.add("compose file " + file + " changed after Refit read it: not edited, so"
              + " `docker compose up` may put the old version back");
          continue;
        }
        writer.write(file, content, edited.get());
      } catch (IOException e) {
        problems.add("compose file " + file + " could not be written (" + e.getMessage()
            + "), so `docker compose up` would put the old version back");
      }
    }
    return problems;
  }

  /** Puts back what {@link #write} changed; returns what could not be, for the report. */
  public List<String> restore(List<FileEdit> edits) {
    List<String> problems = new ArrayList<>();
    for (FileEdit edit : edits) {
      Path file = Path.of(edit.path());
      try {
        String content = read(file);
        Optional<String> original = edit.revert(content);
        if (original.isPresent()) {
          writer.write(file, content, original.get());
        } else if (edit.apply(content).isEmpty()) {
          problems.add("compose file " + file + " was changed by someone else since Refit edited it:"
              + " left as it is (check its image version)");
        }
      } catch (IOException e) {
        problems.add("compose file " + file + " could not be restored (" + e.getMessage() + ")");
      }
    }
    return problems;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
