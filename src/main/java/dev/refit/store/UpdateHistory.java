package dev.refit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The record of every update attempt, newest first: this Refit's own, and on a fleet server also
 * those its agents sent upstream (each marked with the agent, so rollbacks and plans, which act on
 * this host, only ever read this Refit's own).
 */
public final class UpdateHistory {
  /** Every column of an entry, with the current name of the agent that sent it, if one did. */
  private static final String SELECT =
      "SELECT h.*, a.name AS environment_name FROM history h"
          + " LEFT JOIN fleet_agents a ON a.agent_id = h.agent_id";

  private final Database db;

  public UpdateHistory(Database db) {
    this.db = db;
  }

  /** The columns every entry fills, in the order {@link #bindEntry} binds them. */
  private static final String COLUMNS =
      "started_at, finished_at, target_kind, target_name, location, from_image, to_image,"
          + " from_digest, to_digest, outcome, message, trigger_source";

  private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  /** Stores the entry and returns it with its id. */
  public HistoryEntry record(HistoryEntry e) {
    String sql = "INSERT INTO history (" + COLUMNS + ") VALUES (" + VALUES + ") RETURNING id";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      bindEntry(s, e);
      long id = Database.insertReturningId(s);
      return e.withId(id);
    } catch (SQLException ex) {
      throw db.failure("record the update of " + e.targetName(), ex);
    }
  }

  /**
   * Stores an entry an agent sent upstream, under its id in the agent's database ({@code e.id()}).
   *
   * @return false when that entry was stored already (sent again after a reconnect)
   */
  public boolean recordFromAgent(String agentId, HistoryEntry e) {
    String sql =
        "INSERT INTO history (" + COLUMNS + ", agent_id, origin_id) VALUES (" + VALUES
            + ", ?, ?) ON CONFLICT DO NOTHING";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      int next = bindEntry(s, e);
      s.setString(next, agentId);
      s.setLong(next + 1, e.id());
      return s.executeUpdate() == 1;
    } catch (SQLException ex) {
      throw db.failure("record the update of " + e.targetName() + " an agent sent", ex);
    }
  }

  /** Binds {@link #COLUMNS} from parameter 1; returns the next index. */
  private static int bindEntry(PreparedStatement s, HistoryEntry e) throws SQLException {
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
    return 13;
  }

  /** The highest id of the agent's own entries stored here (0: none yet): where it resumes. */
  public long lastFromAgent(String agentId) {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement("SELECT COALESCE(MAX(origin_id), 0) FROM history WHERE agent_id = ?")) {
      s.setString(1, agentId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException ex) {
      throw db.failure("read the history agent " + agentId + " sent", ex);
    }
  }

  /** This Refit's own entries with an id above {@code id}, oldest first: what to send upstream. */
  public List<HistoryEntry> ownAfter(long id, int limit) {
    return query(
        "read the history",
        SELECT + " WHERE h.agent_id IS NULL AND h.id > ? ORDER BY h.id LIMIT ?",
        s -> {
          s.setLong(1, id);
          s.setInt(2, limit);
        });
  }

  /** This Refit's own entries newest first, skipping {@code offset}. */
  public List<HistoryEntry> page(int offset, int limit) {
    return page(HistoryFilter.OWN_ONLY, offset, limit);
  }

  /** The entries the filter matches, newest first, skipping {@code offset}. */
  public List<HistoryEntry> page(HistoryFilter filter, int offset, int limit) {
    return query(
        "read the history",
        SELECT + filter.where() + " ORDER BY h.id DESC LIMIT ? OFFSET ?",
        s -> {
          int next = filter.bind(s);
          s.setInt(next, limit);
          s.setInt(next + 1, offset);
        });
  }

  /** This Refit's own entry with this id, if there is one. */
  public Optional<HistoryEntry> find(long id) {
    return query(
            "read history entry " + id,
            SELECT + " WHERE h.id = ? AND h.agent_id IS NULL",
            s -> s.setLong(1, id))
        .stream()
        .findFirst();
  }

  /** This Refit's own entries of the target {@code name}, newest first, at most {@code limit}. */
  public List<HistoryEntry> ofTarget(String name, int limit) {
    return query(
        "read the history of " + name,
        SELECT + " WHERE h.target_name = ? AND h.agent_id IS NULL ORDER BY h.id DESC LIMIT ?",
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
                  rs.getString("trigger_source"),
                  environment(rs)));
        }
      }
      return entries;
    } catch (SQLException ex) {
      throw db.failure(what, ex);
    }
  }

  /**
   * An agent's entry names its environment; one whose agent is gone from the table (never, as
   * revoked agents stay listed) would still say it was not this host's.
   */
  private static @Nullable String environment(ResultSet rs) throws SQLException {
    String agent = rs.getString("agent_id");
    if (agent == null) {
      return null;
    }
    String name = rs.getString("environment_name");
    return name == null ? agent : name;
  }

  /** How many of this Refit's own entries there are. */
  public int count() {
    return count(HistoryFilter.OWN_ONLY);
  }

  /** How many entries the filter matches. */
  public int count(HistoryFilter filter) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM history h" + filter.where())) {
      filter.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException ex) {
      throw db.failure("count the history", ex);
    }
  }
}
