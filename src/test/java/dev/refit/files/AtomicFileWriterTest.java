package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir Path dir;

  @Test
  void replacesTheContentAndKeepsTheMode() throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, "A=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    new AtomicFileWriter().write(file, Files.readString(file), "A=2\n");
    assertThat(Files.readString(file)).isEqualTo("A=2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anInterruptedWriteLeavesTheOldFileIntact() throws Exception {
    Path file = dir.resolve("compose.yaml");
    Files.writeString(file, "image: nginx:1.25.3\n");
    AtomicFileWriter interrupted =
        new AtomicFileWriter(
            (temporary, target) -> {
              // the new content is complete on disk, then the process dies before the rename
              assertThat(Files.readString(temporary)).isEqualTo("image: nginx:1.25.4\n");
              throw new IOException("killed before the rename");
            });
    assertThatThrownBy(() -> interrupted.write(file, Files.readString(file), "image: nginx:1.25.4\n"))
        .hasMessage("killed before the rename");
    assertThat(Files.readString(file)).isEqualTo("image: nginx:1.25.3\n");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aReadOnlyFileIsRefusedEvenForRoot() throws Exception {
    Path file = dir.resolve("ro.env");
    Files.writeString(file, "A=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    assertThatThrownBy(() -> new AtomicFileWriter().write(file, Files.readString(file), "A=2\n"))
        .isInstanceOf(IOException.class)
        .hasMessage("the file is read-only");
    assertThat(Files.readString(file)).isEqualTo("A=1\n");
  }

  @Test
  void aSymbolicLinkStaysALink() throws Exception {
    Path real = dir.resolve("real.env");
    Files.writeString(real, "A=1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.env"), real.getFileName());
    new AtomicFileWriter().write(link, Files.readString(link), "A=2\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("A=2\n");
  }

  private java.util.List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".refit-tmp")).toList();
    }
  }
}
