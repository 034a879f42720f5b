package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.CommandReport;
import dev.refit.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger in the agent's own database (table {@code fleet_command_ledger}), so a command the
 * agent accepted is still known after a restart or a SIGKILL and never runs twice.
 */
public final class SqlLedgerStore implements LedgerStore {
  private final Database db;

  public SqlLedgerStore(Database db) {
    this.db = db;
  }

  @Override
  public List<LedgerEntry> loadAll() {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT command_id, accepted_at, succeeded, message, log_tail, finished_at"
                    + " FROM fleet_command_ledger");
        ResultSet rs = s.executeQuery()) {
      List<LedgerEntry> out = new ArrayList<>();
      while (rs.next()) {
        String id = rs.getString(1);
        String finished = rs.getString(6);
        CommandReport report =
            finished == null
                ? null
                : new CommandReport(id, rs.getInt(3) == 1, rs.getString(4), rs.getString(5));
        out.add(
            new LedgerEntry(
                id,
                Instant.parse(rs.getString(2)),
                report,
                finished == null ? null : Instant.parse(finished)));
      }
      return out;
    } catch (SQLException e) {
      throw db.failure("read the command ledger", e);
    }
  }

  @Override
  public void put(LedgerEntry entry) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM fleet_command_ledger WHERE command_id = ?");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO fleet_command_ledger (command_id, accepted_at, succeeded, message,"
                      + " log_tail, finished_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        delete.setString(1, entry.commandId());
        delete.executeUpdate();
        CommandReport report = entry.report();
        insert.setString(1, entry.commandId());
        insert.setString(2, entry.acceptedAt().toString());
        if (report == null) {
          insert.setNull(3, java.sql.Types.INTEGER);
          insert.setString(4, null);
          insert.setString(5, null);
        } else {
          insert.setInt(3, report.succeeded() ? 1 : 0);
          insert.setString(4, report.message());
          insert.setString(5, report.logTail());
        }
        insert.setString(6, entry.finishedAt() == null ? null : entry.finishedAt().toString());
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw db.failure("record command " + entry.commandId() + " in the ledger", e);
    }
  }

  @Override
  public void remove(String commandId) {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM fleet_command_ledger WHERE command_id = ?")) {
      s.setString(1, commandId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw db.failure("forget command " + commandId, e);
    }
  }
}
