package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Refit's state lives, found the same way by every command: {@code state.dir} (file, {@code
 * REFIT_STATE_DIR}, flag), else {@code $XDG_STATE_HOME/refit}, else {@code ~/.local/state/refit}.
 * {@code refit update} by hand and {@code refit serve} so share one lock, one history, one journal.
 */
final class StateDirectory {
  private StateDirectory() {}

  static Path of(RefitConfig config, Map<String, String> environment) {
    return config.stateDir() != null ? config.stateDir() : Database.defaultDirectory(environment);
  }

  static Database open(RefitConfig config, Map<String, String> environment) {
    Path directory = of(config, environment);
    requireWritable(directory);
    return Database.open(directory, config.database());
  }

  /**
   * Refit writes its lock (and the embedded database) here, so a directory it cannot write is
   * named as what it is, before anything else fails with a stranger message.
   */
  static void requireWritable(Path directory) {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    Path database = directory.resolve("refit.db");
    boolean readOnly =
        !Files.isWritable(existing) || (Files.exists(database) && !Files.isWritable(database));
    if (readOnly) {
      Path shown = !Files.isWritable(existing) ? existing : database;
      throw new IllegalArgumentException(
          "the state directory " + directory + " is read-only (" + shown + " cannot be written);"
              + " Refit keeps its lock and history there: make it writable, or choose another with"
              + " --state-dir or REFIT_STATE_DIR");
    }
  }
}
