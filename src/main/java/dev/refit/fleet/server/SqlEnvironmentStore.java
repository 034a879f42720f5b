package dev.refit.fleet.server;

import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tables {@code fleet_environments} and {@code fleet_reports} in the server's database. */
public final class SqlEnvironmentStore implements EnvironmentStore {
  private final FleetTables tables;
  /** The inventory is stored as the frame it came in: one format, read by the same strict codec. */
  private final MessageCodec codec = new MessageCodec();

  public SqlEnvironmentStore(Database db) {
    this.tables = new FleetTables(db);
  }

  @Override
  public synchronized void save(String agentId, StoredEnvironment e) {
    Inventory inventory = e.inventory();
    String json = inventory == null ? null : codec.encode(inventory);
    // one statement: a delete and an insert could lose the row when the insert fails (a full disk)
    tables.update(
        "store environment " + agentId,
        "INSERT INTO fleet_environments (agent_id, refit_version, engine_version, swarm_role,"
            + " last_seen, inventory) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET"
            + " refit_version = excluded.refit_version, engine_version = excluded.engine_version,"
            + " swarm_role = excluded.swarm_role, last_seen = excluded.last_seen,"
            + " inventory = excluded.inventory",
        s -> {
          s.setString(1, agentId);
          s.setString(2, e.refitVersion());
          s.setString(3, e.engineVersion());
          s.setString(4, e.swarmRole().name());
          s.setString(5, e.lastSeen().toString());
          s.setString(6, json);
        });
  }

  @Override
  public Optional<StoredEnvironment> find(String agentId) {
    return tables
        .query(
            "read environment " + agentId,
            "SELECT refit_version, engine_version, swarm_role, last_seen, inventory"
                + " FROM fleet_environments WHERE agent_id = ?",
            s -> s.setString(1, agentId),
            rs -> {
              String json = rs.getString(5);
              return new StoredEnvironment(
                  rs.getString(1),
                  rs.getString(2),
                  SwarmRole.valueOf(rs.getString(3)),
                  Objects.requireNonNull(FleetTables.instant(rs.getString(4))),
                  json == null ? null : (Inventory) codec.decode(json));
            })
        .stream()
        .findFirst();
  }

  @Override
  public void addReport(String agentId, CommandReport report, Instant at) {
    tables.update(
        "store the report of " + report.commandId(),
        "INSERT INTO fleet_reports (agent_id, command_id, succeeded, message, log_tail,"
            + " reported_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        s -> {
          s.setString(1, agentId);
          s.setString(2, report.commandId());
          s.setInt(3, report.succeeded() ? 1 : 0);
          s.setString(4, report.message());
          s.setString(5, report.logTail());
          s.setString(6, at.toString());
        });
  }

  @Override
  public List<StoredReport> reports(String agentId, int limit) {
    List<StoredReport> all =
        tables.query(
            "read reports of " + agentId,
            "SELECT command_id, succeeded, message, log_tail, reported_at FROM fleet_reports"
                + " WHERE agent_id = ?",
            s -> s.setString(1, agentId),
            rs ->
                new StoredReport(
                    new CommandReport(
                        rs.getString(1), rs.getInt(2) == 1, rs.getString(3), rs.getString(4)),
                    Objects.requireNonNull(FleetTables.instant(rs.getString(5)))));
    return all.stream()
        .sorted(java.util.Comparator.comparing(StoredReport::reportedAt).reversed())
        .limit(limit)
        .toList();
  }
}
