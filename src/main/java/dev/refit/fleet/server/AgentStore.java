package dev.refit.fleet.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where enrolled agents live (the server's database, or memory in tests). */
public interface AgentStore {
  /**
   * @throws IllegalStateException when an agent not revoked already has that name
   */
  void add(AgentRecord agent);

  Optional<AgentRecord> find(String agentId);

  /** The agent not revoked that has this name. */
  Optional<AgentRecord> findByName(String name);

  /**
   * Marks the agent revoked.
   *
   * @return false when no such agent exists or it was already revoked
   */
  boolean revoke(String agentId, Instant at);

  /**
   * @throws IllegalStateException when another agent not revoked has that name
   */
  void rename(String agentId, String newName);

  void setLabels(String agentId, Set<String> labels);

  List<AgentRecord> all();
}
