package dev.refit.fleet.server;

import dev.refit.fleet.protocol.CommandReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What agents reported, by agent id: facts, last inventory, command reports. */
public interface EnvironmentStore {
  void save(String agentId, StoredEnvironment environment);

  Optional<StoredEnvironment> find(String agentId);

  /** Records a report once per command id; a repeated one is ignored. */
  void addReport(String agentId, CommandReport report, Instant at);

  /** The newest reports first. */
  List<StoredReport> reports(String agentId, int limit);
}
