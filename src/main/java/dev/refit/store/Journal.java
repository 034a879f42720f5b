package dev.refit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Write-ahead log of updates in flight. An applier announces each step here before taking it; a
 * Refit that was killed finds the unfinished entries on its next start and completes or undoes
 * them. Each call commits with full sync before returning, and throws when the commit fails: an
 * applier that gets no exception may act on the step.
 */
public final class Journal {
  private final Database db;
  private final Clock clock;

  public Journal(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Starts an entry at {@code step}; returns its id. */
  public long begin(
      String kind, String targetId, String targetName, String location, String plan, String step) {
    String now = clock.instant().toString();
    String sql =
        "INSERT INTO journal (kind, target_id, target_name, location, plan, step, started_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    try (Connection c = db.connect()) {
      // In autocommit SQLite hands out the RETURNING id before the statement commits, and a commit
      // that fails then (a full disk) is not reported: commit explicitly and let that failure throw.
      c.setAutoCommit(false);
      try {
        long id;
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, kind);
          s.setString(2, targetId);
          s.setString(3, targetName);
          s.setString(4, location);
          s.setString(5, plan);
          s.setString(6, step);
          s.setString(7, now);
          s.setString(8, now);
          id = Database.insertReturningId(s);
        }
        c.commit();
        return id;
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("journal the update of " + targetName, e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection closes next; nothing was committed
    }
  }

  /** Announces the next step, with whatever the applier needs to resume or undo it. */
  public void step(long id, String step, String state) {
    update(
        id,
        "UPDATE journal SET step = ?, state = ?, updated_at = ? WHERE id = ?",
        step,
        state,
        clock.instant().toString());
  }

  /** Closes the entry: nothing is left to complete or undo. */
  public void finish(long id, String outcome) {
    String now = clock.instant().toString();
    update(id, "UPDATE journal SET finished_at = ?, outcome = ?, updated_at = ? WHERE id = ?", now, outcome, now);
  }

  private void update(long id, String sql, String a, String b, String c3) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, a);
        s.setString(2, b);
        s.setString(3, c3);
        s.setLong(4, id);
        if (s.executeUpdate() != 1) {
          throw new SQLException("journal entry " + id + " does not exist");
        }
        c.commit();
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("journal step of entry " + id, e);
    }
  }

  /** Entries begun and never finished, oldest first: what a crash left behind. */
  public List<JournalEntry> unfinished() {
    String sql = "SELECT * FROM journal WHERE finished_at IS NULL ORDER BY id";
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<JournalEntry> entries = new ArrayList<>();
      while (rs.next()) {
        entries.add(
            new JournalEntry(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("target_id"),
                rs.getString("target_name"),
                rs.getString("location"),
                rs.getString("plan"),
                rs.getString("step"),
                rs.getString("state"),
                java.time.Instant.parse(rs.getString("started_at")),
                java.time.Instant.parse(rs.getString("updated_at"))));
      }
      return entries;
    } catch (SQLException e) {
      throw db.failure("read the journal", e);
    }
  }
}
