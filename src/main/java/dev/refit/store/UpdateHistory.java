package dev.refit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The record of every update attempt, newest first. */
public final class UpdateHistory {
  private final Database db;

  public UpdateHistory(Database db) {
    this.db = db;
  }

  /** Stores the entry and returns it with its id. */
  public HistoryEntry record(HistoryEntry e) {
    String sql =
        "INSERT INTO history (started_at, finished_at, target_kind, target_name, location,"
            + " from_image, to_image, from_digest, to_digest, outcome, message, trigger_source)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, e.startedAt().toString());
      s.setString(2, e.finishedAt().toString());
      s.setString(3, e.targetKind());
      s.setString(4, e.targetName());
      s.setString(5, e.location());
      s.setString(6, e.fromImage());
      s.setString(7, e.toImage());
      s.setString(8, e.fromDigest());
      s.setString(9, e.toDigest());
      s.setString(10, e.outcome().name());
      s.setString(11, e.message());
      s.setString(12, e.trigger());
      long id = Database.insertReturningId(s);
      return e.withId(id);
    } catch (SQLException ex) {
      throw db.failure("record the update of " + e.targetName(), ex);
    }
  }

  /** Entries newest first, skipping {@code offset}. */
  public List<HistoryEntry> page(int offset, int limit) {
    return page(HistoryFilter.ALL, offset, limit);
  }

  /** The entries the filter matches, newest first, skipping {@code offset}. */
  public List<HistoryEntry> page(HistoryFilter filter, int offset, int limit) {
    return query(
        "read the history",
        "SELECT * FROM history" + filter.where() + " ORDER BY id DESC LIMIT ? OFFSET ?",
        s -> {
          int next = filter.bind(s);
          s.setInt(next, limit);
          s.setInt(next + 1, offset);
        });
  }

  /** The entry with this id, if there is one. */
  public Optional<HistoryEntry> find(long id) {
    return query("read history entry " + id, "SELECT * FROM history WHERE id = ?", s -> s.setLong(1, id))
        .stream()
        .findFirst();
  }

  /** The entries of the target named {@code name}, newest first, at most {@code limit}. */
  public List<HistoryEntry> ofTarget(String name, int limit) {
    return query(
        "read the history of " + name,
        "SELECT * FROM history WHERE target_name = ? ORDER BY id DESC LIMIT ?",
        s -> {
          s.setString(1, name);
          s.setInt(2, limit);
        });
  }

  private interface Parameters {
    void set(PreparedStatement s) throws SQLException;
  }

  private List<HistoryEntry> query(String what, String sql, Parameters parameters) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      parameters.set(s);
      List<HistoryEntry> entries = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new HistoryEntry(
                  rs.getLong("id"),
                  Instant.parse(rs.getString("started_at")),
                  Instant.parse(rs.getString("finished_at")),
                  rs.getString("target_kind"),
                  rs.getString("target_name"),
                  rs.getString("location"),
                  rs.getString("from_image"),
                  rs.getString("to_image"),
                  rs.getString("from_digest"),
                  rs.getString("to_digest"),
                  UpdateOutcome.valueOf(rs.getString("outcome")),
                  rs.getString("message"),
                  rs.getString("trigger_source")));
        }
      }
      return entries;
    } catch (SQLException ex) {
      throw db.failure(what, ex);
    }
  }

  public int count() {
    return count(HistoryFilter.ALL);
  }

  /** How many entries the filter matches. */
  public int count(HistoryFilter filter) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM history" + filter.where())) {
      filter.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException ex) {
      throw db.failure("count the history", ex);
    }
  }
}
