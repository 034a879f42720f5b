package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
  @TempDir Path dir;

  @Test
  void aReadOnlyStateDirectoryIsNamedAsReadOnly() {
    // /proc/sys refuses writes even to root: a read-only place that exists on every Linux host
    Path readOnly = Path.of("/proc/sys");
    assumeFalse(Files.isWritable(readOnly), "needs a read-only /proc/sys");
    assertThatThrownBy(() -> StateDirectory.requireWritable(readOnly.resolve("refit")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the state directory /proc/sys/refit is read-only (/proc/sys cannot be written)")
        .hasMessageContaining("--state-dir or REFIT_STATE_DIR");
  }

  @Test
  void aWritableOrNotYetCreatedDirectoryIsFine() {
    assertThatCode(() -> StateDirectory.requireWritable(dir.resolve("a/b/c"))).doesNotThrowAnyException();
  }
}
