package dev.refit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.compose.FileEdit.Replacement;
import dev.refit.files.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and restoring edits: repeatable, atomic, and never over someone else's change. */
class ComposeFilesTest {
  private static final String BEFORE = "WEB=reg/web:1.0.0\nAPI_TAG=2.0\n";
  private static final String AFTER = "WEB=reg/web:1.10.0\nAPI_TAG=2.1\n";

  @TempDir Path dir;
  private final ComposeFiles files = new ComposeFiles(new AtomicFileWriter());

  @Test
  void anEditIsWrittenOnceAndRestoredOnce() throws IOException {
    Path env = Files.writeString(dir.resolve(".env"), BEFORE);
    List<FileEdit> edits = List.of(edit(env));

    assertThat(files.write(edits)).isEmpty();
    assertThat(Files.readString(env)).isEqualTo(AFTER);
    assertThat(files.write(edits)).as("a recovery repeats it").isEmpty();
    assertThat(Files.readString(env)).isEqualTo(AFTER);

    assertThat(files.restore(edits)).isEmpty();
    assertThat(Files.readString(env)).isEqualTo(BEFORE);
    assertThat(files.restore(edits)).as("a recovery repeats it").isEmpty();
    assertThat(Files.readString(env)).isEqualTo(BEFORE);
  }

  @Test
  void aFileSomeoneChangedIsNeitherEditedNorRestored() throws IOException {
    Path env = Files.writeString(dir.resolve(".env"), BEFORE + "# mine\n");
    List<FileEdit> edits = List.of(edit(env));

    assertThat(files.write(edits)).singleElement().asString().contains("changed after Refit read it");
    Files.writeString(env, AFTER + "# mine\n");
    assertThat(files.restore(edits)).singleElement().asString()
        .contains("was changed by someone else since Refit edited it: left as it is");
    assertThat(Files.readString(env)).isEqualTo(AFTER + "# mine\n");
  }

  @Test
  void theJournaledFormRoundTrips() {
    FileEdit edit = edit(dir.resolve(".env"));
    assertThat(edit.apply(BEFORE)).contains(AFTER);
    assertThat(edit.revert(AFTER)).contains(BEFORE);
    assertThat(edit.apply(AFTER)).isEmpty();
    assertThat(edit.revert(BEFORE)).isEmpty();
  }

  private static FileEdit edit(Path file) {
    return FileEdit.of(
        file.toString(),
        BEFORE,
        List.of(new Replacement(12, "1.0.0", "1.10.0"), new Replacement(26, "2.0", "2.1")));
  }
}
