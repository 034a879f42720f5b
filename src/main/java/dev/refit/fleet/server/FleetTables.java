package dev.refit.fleet.server;

import dev.refit.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The small JDBC plumbing the fleet's SQL stores share: one statement, one connection. */
final class FleetTables {
  interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Database db;

  FleetTables(Database db) {
    this.db = db;
  }

  int update(String what, String sql, Binder binder) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw db.failure(what, e);
    }
  }

  /** One statement over many rows in one transaction; the update count of each row. */
  int[] batch(String what, String sql, List<Binder> rows) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      try {
        for (Binder row : rows) {
          row.bind(s);
          s.addBatch();
        }
        int[] counts = s.executeBatch();
        c.commit();
        return counts;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw db.failure(what, e);
    }
  }

  <T> List<T> query(String what, String sql, Binder binder, Row<T> row) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw db.failure(what, e);
    }
  }

  static @Nullable Instant instant(@Nullable String text) {
    return text == null ? null : Instant.parse(text);
  }

  static @Nullable String text(@Nullable Instant at) {
    return at == null ? null : at.toString();
  }
}
