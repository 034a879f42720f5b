package dev.refit.fleet.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where enrolled agents live (the server's database, next). */
public interface AgentStore {
  void add(AgentRecord agent);

  Optional<AgentRecord> find(String agentId);

  /**
   * Marks the agent revoked.
   *
   * @return false when no such agent exists or it was already revoked
   */
  boolean revoke(String agentId, Instant at);

  List<AgentRecord> all();
}
