package dev.refit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the classpath, applied in
 * order, each in its own transaction, each recorded in {@code schema_version}. A database newer
 * than this Refit is refused rather than written to.
 *
 * <p>One list for every database: a migration is written once, in SQL both SQLite and PostgreSQL
 * read, with {@value Dialect#IDENTITY_PLACEHOLDER} for a table's own key, which each {@link
 * Dialect} spells its way. Should a future migration need more than that to differ, it gets a file
 * per dialect under the same version and name.
 */
final class Migrations {
  /**
   * Append only: a shipped migration is never edited, a change is a new file. (V1 and V2 gained
   * the placeholder where they said {@code INTEGER PRIMARY KEY AUTOINCREMENT}; for SQLite they read
   * exactly as shipped, which StoreTest pins.)
   */
  static final List<String> FILES =
      List.of("V1__history_and_journal.sql", "V2__approvals_and_sightings.sql", "V3__fleet.sql",
          "V4__campaigns.sql", "V5__fleet_queue_and_history.sql", "V6__fleet_enrolment_retry.sql");

  private final String where;
  private final Dialect dialect;
  private final List<String> files;

  Migrations(String where, Dialect dialect) {
    this(where, dialect, FILES);
  }

  /** Only the first {@code files}: a test makes the database an older Refit left. */
  Migrations(String where, Dialect dialect, List<String> files) {
    this.where = where;
    this.dialect = dialect;
    this.files = files;
  }

  void apply(Connection c) throws SQLException {
    dialect.lockMigrations(c);
    try {
      applyLocked(c);
    } finally {
      dialect.unlockMigrations(c);
    }
  }

  private void applyLocked(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    // One migration per transaction, the version read inside it: a second Refit opening the same
    // new database waits for the first one's write lock, then finds that version applied.
    while (true) {
      dialect.beginMigration(c);
      String name = null;
      try {
        int current = currentVersion(c);
        if (current > files.size()) {
          throw new SQLException(
              "schema version " + current + " is newer than this Refit understands (" + files.size()
                  + "); use a newer Refit");
        }
        if (current == files.size()) {
          dialect.commitMigration(c);
          return;
        }
        int version = current + 1;
        name = files.get(version - 1);
        try (Statement s = c.createStatement()) {
          for (String statement : sql(name).split(";\\s*\\n")) {
            if (!statement.isBlank()) {
              s.execute(statement);
            }
          }
        }
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
          insert.setInt(1, version);
          insert.setString(2, name);
          insert.setString(3, Instant.now().toString());
          insert.executeUpdate();
        }
        dialect.commitMigration(c);
      } catch (SQLException e) {
        dialect.rollbackMigration(c);
        throw name == null ? e : new SQLException("migration " + name + " failed: " + e.getMessage(), e);
      }
    }
  }

  private static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** The migration as this database runs it. */
  String sql(String name) throws SQLException {
    String sql = dialect.render(read(name));
    if (sql.contains("${")) {
      throw new SQLException("migration " + name + " has a placeholder no dialect knows");
    }
    return sql;
  }

  private String read(String name) throws SQLException {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
      if (in == null) {
        throw new SQLException("migration " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("migration " + name + " cannot be read for " + where, e);
    }
  }
}
