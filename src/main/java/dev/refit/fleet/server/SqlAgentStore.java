package dev.refit.fleet.server;

import dev.refit.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Enrolled agents in the server's database (SQLite or PostgreSQL), table {@code fleet_agents}. */
public final class SqlAgentStore implements AgentStore {
  private static final String COLUMNS =
      "agent_id, name, secret_hash, labels, enrolled_at, revoked_at, confirmed_at";

  private final FleetTables tables;

  public SqlAgentStore(Database db) {
    this.tables = new FleetTables(db);
  }

  @Override
  public synchronized void add(AgentRecord agent) {
    requireFree(agent.name(), agent.agentId());
    tables.update(
        "enrol agent " + agent.name(),
        "INSERT INTO fleet_agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        s -> {
          s.setString(1, agent.agentId());
          s.setString(2, agent.name());
          s.setString(3, agent.secretHash());
          s.setString(4, String.join(",", agent.labels()));
          s.setString(5, agent.enrolledAt().toString());
          s.setString(6, FleetTables.text(agent.revokedAt()));
          s.setString(7, FleetTables.text(agent.confirmedAt()));
        });
  }

  @Override
  public Optional<AgentRecord> find(String agentId) {
    return one("SELECT " + COLUMNS + " FROM fleet_agents WHERE agent_id = ?", agentId);
  }

  @Override
  public Optional<AgentRecord> findByName(String name) {
    return one(
        "SELECT " + COLUMNS + " FROM fleet_agents WHERE name = ? AND revoked_at IS NULL", name);
  }

  @Override
  public boolean revoke(String agentId, Instant at) {
    return tables.update(
            "revoke agent " + agentId,
            "UPDATE fleet_agents SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL",
            s -> {
              s.setString(1, at.toString());
              s.setString(2, agentId);
            })
        == 1;
  }

  @Override
  public boolean replaceSecret(String agentId, String expectedHash, String newHash) {
    // compare-and-set on the hash: of two retries that read the same record, one changes the row
    return tables.update(
            "give agent " + agentId + " a new secret",
            "UPDATE fleet_agents SET secret_hash = ? WHERE agent_id = ? AND secret_hash = ?"
                + " AND revoked_at IS NULL AND confirmed_at IS NULL",
            s -> {
              s.setString(1, newHash);
              s.setString(2, agentId);
              s.setString(3, expectedHash);
            })
        == 1;
  }

  @Override
  public boolean confirm(String agentId, String secretHash, Instant at) {
    // the hash in the condition: a secret replaced since it was checked confirms nothing
    int changed =
        tables.update(
            "confirm agent " + agentId,
            "UPDATE fleet_agents SET confirmed_at = ? WHERE agent_id = ? AND secret_hash = ?"
                + " AND confirmed_at IS NULL",
            s -> {
              s.setString(1, at.toString());
              s.setString(2, agentId);
              s.setString(3, secretHash);
            });
    // no row changed: replaced, or confirmed already by a connection at the same moment
    return changed == 1
        || find(agentId).filter(a -> a.isConfirmed() && a.secretHash().equals(secretHash)).isPresent();
  }

  @Override
  public synchronized void rename(String agentId, String newName) {
    requireFree(newName, agentId);
    tables.update(
        "rename agent " + agentId,
        "UPDATE fleet_agents SET name = ? WHERE agent_id = ?",
        s -> {
          s.setString(1, newName);
          s.setString(2, agentId);
        });
  }

  @Override
  public void setLabels(String agentId, Set<String> labels) {
    tables.update(
        "label agent " + agentId,
        "UPDATE fleet_agents SET labels = ? WHERE agent_id = ?",
        s -> {
          s.setString(1, String.join(",", new java.util.TreeSet<>(labels)));
          s.setString(2, agentId);
        });
  }

  @Override
  public List<AgentRecord> all() {
    return tables.query(
        "list agents",
        "SELECT " + COLUMNS + " FROM fleet_agents ORDER BY enrolled_at, agent_id",
        s -> {},
        SqlAgentStore::read);
  }

  /** A clear line instead of the unique index's error; the index still guards a race. */
  private void requireFree(String name, String agentId) {
    findByName(name)
        .filter(a -> !a.agentId().equals(agentId))
        .ifPresent(
            a -> {
              throw new IllegalStateException("an agent named '" + name + "' is already enrolled");
            });
  }

  private Optional<AgentRecord> one(String sql, String key) {
    return tables.query("find agent", sql, s -> s.setString(1, key), SqlAgentStore::read).stream()
        .findFirst();
  }

  private static AgentRecord read(ResultSet rs) throws SQLException {
    String labels = rs.getString(4);
    Set<String> set =
        labels == null || labels.isEmpty()
            ? Set.of()
            : Arrays.stream(labels.split(",")).collect(Collectors.toSet());
    return new AgentRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        set,
        Objects.requireNonNull(FleetTables.instant(rs.getString(5))),
        FleetTables.instant(rs.getString(6)),
        FleetTables.instant(rs.getString(7)));
  }
}
