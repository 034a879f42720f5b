package dev.refit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Refit's embedded state: an SQLite file holding the update history and the journal of updates in
 * flight. Nothing to install; one file under {@code ~/.local/state/refit/} by default.
 */
public final class Database {
  private static final String FILE_NAME = "refit.db";

  private final Path file;
  private final String url;

  private Database(Path file) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file;
  }

  /**
   * The state directory: {@code REFIT_STATE_DIR}, else {@code $XDG_STATE_HOME/refit}, else {@code
   * ~/.local/state/refit}.
   */
  public static Path defaultDirectory(Map<String, String> environment) {
    String explicit = environment.get("REFIT_STATE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = environment.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "refit");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "refit");
  }

  /** Opens (creating if needed) {@code refit.db} in {@code directory} and brings its schema up to date. */
  public static Database open(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
    }
    Database db = new Database(directory.resolve(FILE_NAME));
    try (Connection c = db.connect()) {
      new Migrations(db.file.toString()).apply(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open the state database " + db.file + ": " + e.getMessage(), e);
    }
    return db;
  }

  public Path file() {
    return file;
  }

  /**
   * A new connection. Every write commits before it returns, with full sync: the journal must be
   * on disk before the step it announces is taken.
   */
  Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
  }
}
