package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a state database open: a {@code Database} nobody closed keeps its
 * pooled SQLite connections, and with them {@code refit.db} (and its {@code -wal}, {@code -shm})
 * open, with their memory, for the rest of the surefire JVM. The class's handles on such files
 * after its {@code @AfterAll}, less those open before it began, must be none.
 *
 * <p>Every unit test class gets it (surefire enables JUnit's extension auto-detection and
 * META-INF/services names this class); the ITs are not checked (failsafe does not enable it).
 * Linux only: elsewhere there is no {@code /proc/self/fd} to read, and it checks nothing.
 */
public final class StateFilesClosed implements BeforeAllCallback, AfterAllCallback {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(StateFilesClosed.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(HERE).put("before", open());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Set<String> before = (Set<String>) context.getStore(HERE).get("before", Set.class);
    Set<String> left = open();
    if (before != null) {
      left.removeAll(before);
    }
    if (!left.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName() + " left state databases open (close each Database it opens): " + left);
    }
  }

  /** The state database files this JVM has open now (an fd closed meanwhile is skipped). */
  private static Set<String> open() {
    Set<String> files = new TreeSet<>();
    if (!Files.isDirectory(FDS)) {
      return files;
    }
    try (Stream<Path> fds = Files.list(FDS)) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.contains("/refit.db")) {
                files.add(target);
              }
            } catch (IOException | UnsupportedOperationException gone) {
              // closed between the listing and the read: not open
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
