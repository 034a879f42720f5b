package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.store.Database;
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
    return Database.open(of(config, environment), config.database());
  }
}
