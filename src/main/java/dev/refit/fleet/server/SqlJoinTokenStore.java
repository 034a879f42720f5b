package dev.refit.fleet.server;

import dev.refit.store.Database;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Join tokens in the server's database, table {@code fleet_join_tokens}: hashes only. */
public final class SqlJoinTokenStore implements JoinTokenStore {
  private final FleetTables tables;

  public SqlJoinTokenStore(Database db) {
    this.tables = new FleetTables(db);
  }

  @Override
  public void add(JoinTokenRecord token) {
    tables.update(
        "store a join token",
        "INSERT INTO fleet_join_tokens (hash, issued_at, expires_at, spent_at) VALUES (?, ?, ?, ?)",
        s -> {
          s.setString(1, token.hash());
          s.setString(2, token.issuedAt().toString());
          s.setString(3, token.expiresAt().toString());
          s.setString(4, FleetTables.text(token.spentAt()));
        });
  }

  @Override
  public Optional<JoinTokenRecord> find(String hash) {
    return tables
        .query(
            "find a join token",
            "SELECT hash, issued_at, expires_at, spent_at FROM fleet_join_tokens WHERE hash = ?",
            s -> s.setString(1, hash),
            rs ->
                new JoinTokenRecord(
                    rs.getString(1),
                    Objects.requireNonNull(FleetTables.instant(rs.getString(2))),
                    Objects.requireNonNull(FleetTables.instant(rs.getString(3))),
                    FleetTables.instant(rs.getString(4))))
        .stream()
        .findFirst();
  }

  @Override
  public boolean spend(String hash, Instant at) {
    // one conditional UPDATE: of two agents presenting the token at once, one changes the row
    return tables.update(
            "spend a join token",
            "UPDATE fleet_join_tokens SET spent_at = ? WHERE hash = ? AND spent_at IS NULL",
            s -> {
              s.setString(1, at.toString());
              s.setString(2, hash);
            })
        == 1;
  }

  @Override
  public int removeExpired(Instant now) {
    // compared here, not in SQL: Instant's text has a varying number of fraction digits, so it
    // does not sort as text (the table holds a handful of rows)
    var expired =
        tables.query(
            "list join tokens",
            "SELECT hash, expires_at FROM fleet_join_tokens",
            s -> {},
            rs -> Instant.parse(rs.getString(2)).isAfter(now) ? "" : rs.getString(1));
    int removed = 0;
    for (String hash : expired) {
      if (!hash.isEmpty()) {
        removed +=
            tables.update(
                "remove an expired join token",
                "DELETE FROM fleet_join_tokens WHERE hash = ?",
                s -> s.setString(1, hash));
      }
    }
    return removed;
  }
}
