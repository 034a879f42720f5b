package dev.refit.fleet.server;

import dev.refit.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Join tokens in the server's database, table {@code fleet_join_tokens}: hashes only. */
public final class SqlJoinTokenStore implements JoinTokenStore {
  private static final String COLUMNS = "hash, issued_at, expires_at, spent_at, agent_id";

  private final FleetTables tables;

  public SqlJoinTokenStore(Database db) {
    this.tables = new FleetTables(db);
  }

  @Override
  public void add(JoinTokenRecord token) {
    tables.update(
        "store a join token",
        "INSERT INTO fleet_join_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
        s -> {
          s.setString(1, token.hash());
          s.setString(2, token.issuedAt().toString());
          s.setString(3, token.expiresAt().toString());
          s.setString(4, FleetTables.text(token.spentAt()));
          s.setString(5, token.agentId());
        });
  }

  @Override
  public Optional<JoinTokenRecord> find(String hash) {
    return tables
        .query(
            "find a join token",
            "SELECT " + COLUMNS + " FROM fleet_join_tokens WHERE hash = ?",
            s -> s.setString(1, hash),
            SqlJoinTokenStore::read)
        .stream()
        .findFirst();
  }

  @Override
  public boolean spend(String hash, Instant at, String agentId) {
    // one conditional UPDATE: of two agents presenting the token at once, one changes the row
    return tables.update(
            "spend a join token",
            "UPDATE fleet_join_tokens SET spent_at = ?, agent_id = ? WHERE hash = ? AND spent_at IS NULL",
            s -> {
              s.setString(1, at.toString());
              s.setString(2, agentId);
              s.setString(3, hash);
            })
        == 1;
  }

  @Override
  public int removeDead(Instant now, Duration retryWindow) {
    // compared here, not in SQL: Instant's text has a varying number of fraction digits, so it
    // does not sort as text (the table holds a handful of rows)
    var all = tables.query("list join tokens", "SELECT " + COLUMNS + " FROM fleet_join_tokens", s -> {}, SqlJoinTokenStore::read);
    int removed = 0;
    for (JoinTokenRecord token : all) {
      if (token.isDead(now, retryWindow)) {
        String hash = token.hash();
        removed +=
            tables.update(
                "remove an expired join token",
                "DELETE FROM fleet_join_tokens WHERE hash = ?",
                s -> s.setString(1, hash));
      }
    }
    return removed;
  }

  private static JoinTokenRecord read(ResultSet rs) throws SQLException {
    return new JoinTokenRecord(
        rs.getString(1),
        Objects.requireNonNull(FleetTables.instant(rs.getString(2))),
        Objects.requireNonNull(FleetTables.instant(rs.getString(3))),
        FleetTables.instant(rs.getString(4)),
        rs.getString(5));
  }
}
