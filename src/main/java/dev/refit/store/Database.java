package dev.refit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Refit's state: the update history, the journal of updates in flight, approvals and sightings.
 * By default an embedded SQLite file, {@code refit.db} in the state directory (nothing to
 * install); optionally a PostgreSQL database for a central server, with the same schema. Either
 * way the state directory on this host keeps the lock ({@link StateLock}) of the Refits that run
 * here.
 */
public final class Database implements AutoCloseable {
  private static final String FILE_NAME = "refit.db";

  /** Opens a new connection; each database is reached its own way. */
  @FunctionalInterface
  private interface Connector {
    Connection open() throws SQLException;
  }

  private final Dialect dialect;
  private final Connector connector;
  private final Path directory;
  private final String where;
  private final IdleConnections idle;

  private Database(Dialect dialect, Connector connector, Path directory, String where) {
    this.dialect = dialect;
    this.connector = connector;
    this.directory = directory;
    this.where = where;
    this.idle = new IdleConnections(this::open, System::nanoTime);
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
    Path file = directory.resolve(FILE_NAME);
    String url = "jdbc:sqlite:" + file;
    return migrated(new Database(Dialect.SQLITE, () -> DriverManager.getConnection(url), directory, file.toString()));
  }

  /**
   * Opens the state on {@code server} and brings its schema up to date, or the embedded file in
   * {@code directory} when {@code server} is {@code null}.
   *
   * @param directory this host's state directory, for the lock (and the embedded file)
   */
  public static Database open(Path directory, DatabaseUrl server) {
    if (server == null) {
      return open(directory);
    }
    Properties login = server.connectionProperties();
    return migrated(
        new Database(
            Dialect.POSTGRESQL,
            () -> DriverManager.getConnection(server.jdbcUrl(), login),
            directory,
            server.toString()));
  }

  private static Database migrated(Database db) {
    // not a pooled one: a failed migration may leave its BEGIN IMMEDIATE open behind JDBC's back
    try (Connection c = db.open()) {
      new Migrations(db.where, db.dialect).apply(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open the state database " + db.where + ": " + e.getMessage(), e);
    }
    return db;
  }

  /** This host's state directory: the lock lives there, and the embedded database's file. */
  public Path directory() {
    return directory;
  }

  /**
   * A connection for one caller, who closes it (it goes back to be reused: {@link
   * IdleConnections}). Every write commits before it returns, durably: the journal must be stored
   * before the step it announces is taken.
   */
  public Connection connect() throws SQLException {
    return idle.take();
  }

  private Connection open() throws SQLException {
    Connection c = connector.open();
    try {
      dialect.configure(c);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Runs an {@code INSERT ... RETURNING id} and returns the id the database assigned. */
  static long insertReturningId(PreparedStatement insert) throws SQLException {
    try (ResultSet keys = insert.executeQuery()) {
      if (!keys.next()) {
        throw new SQLException("no id was assigned");
      }
      long id = keys.getLong(1);
      // step the statement to its end: a write that fails there (a full disk) throws here
      while (keys.next()) {
        // one row per insert
      }
      return id;
    }
  }

  /**
   * Closes the connections kept for reuse (a command's or daemon's last act); the database can
   * still be used, each call then opening and closing its own.
   */
  @Override
  public void close() {
    idle.close();
  }

  public StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in " + where + ": " + e.getMessage(), e);
  }

  /** The file, or the server's URL without its password. */
  @Override
  public String toString() {
    return where;
  }
}
