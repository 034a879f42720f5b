package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.Direction;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolException;
import dev.refit.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table {@code fleet_commands}. A command is stored as the frame it is sent as, read back by the
 * same strict codec, so what a restarted server re-sends is exactly what it queued.
 */
public final class SqlCommandQueue implements CommandQueue {
  private static final Logger LOG = LoggerFactory.getLogger(SqlCommandQueue.class);

  private final FleetTables tables;
  private final MessageCodec codec = new MessageCodec();

  public SqlCommandQueue(Database db) {
    this.tables = new FleetTables(db);
  }

  @Override
  public boolean add(String agentId, Command command, Instant at) {
    String frame = codec.encode(command);
    return tables.update(
            "queue command " + command.id(),
            "INSERT INTO fleet_commands (agent_id, command_id, command, queued_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            s -> {
              s.setString(1, agentId);
              s.setString(2, command.id());
              s.setString(3, frame);
              s.setString(4, at.toString());
            })
        == 1;
  }

  /** One transaction for the lot: a campaign's wave of a thousand costs one commit, not a thousand. */
  @Override
  public Set<String> addAll(Map<String, Command> byAgent, Instant at) {
    List<Map.Entry<String, Command>> rows = List.copyOf(byAgent.entrySet());
    List<FleetTables.Binder> binders = new ArrayList<>();
    for (Map.Entry<String, Command> row : rows) {
      String frame = codec.encode(row.getValue());
      binders.add(
          s -> {
            s.setString(1, row.getKey());
            s.setString(2, row.getValue().id());
            s.setString(3, frame);
            s.setString(4, at.toString());
          });
    }
    int[] counts =
        tables.batch(
            "queue " + rows.size() + " commands",
            "INSERT INTO fleet_commands (agent_id, command_id, command, queued_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            binders);
    Set<String> added = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      // a driver that cannot tell (SUCCESS_NO_INFO) counts as added: a re-send is harmless
      if (i >= counts.length || counts[i] != 0) {
        added.add(rows.get(i).getKey());
      }
    }
    return added;
  }

  @Override
  public boolean remove(String agentId, String commandId) {
    return tables.update(
            "forget command " + commandId,
            "DELETE FROM fleet_commands WHERE agent_id = ? AND command_id = ?",
            s -> {
              s.setString(1, agentId);
              s.setString(2, commandId);
            })
        == 1;
  }

  @Override
  public List<Command> owed(String agentId) {
    return tables
        .query(
            "read the commands queued for agent " + agentId,
            "SELECT command_id, command FROM fleet_commands WHERE agent_id = ? ORDER BY id",
            s -> s.setString(1, agentId),
            rs -> {
              String id = rs.getString(1);
              try {
                return Optional.of((Command) codec.decode(rs.getString(2), Direction.SERVER_TO_AGENT));
              } catch (ProtocolException | ClassCastException e) {
                // written by a newer Refit and rolled back to this one: skipped, not fatal
                LOG.warn("queued command {} for agent {} cannot be read: {}", id, agentId, e.getMessage());
                return Optional.<Command>empty();
              }
            })
        .stream()
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public void clear(String agentId) {
    tables.update(
        "forget the commands of agent " + agentId,
        "DELETE FROM fleet_commands WHERE agent_id = ?",
        s -> s.setString(1, agentId));
  }
}
