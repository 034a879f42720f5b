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
   * Gives the agent a new secret hash if its stored one is still {@code expectedHash} and it is
   * neither revoked nor confirmed: one atomic step (a conditional update in SQL), so of two
   * enrolment retries at once only one gets a secret that works.
   *
   * @return whether this call replaced it
   */
  boolean replaceSecret(String agentId, String expectedHash, String newHash);

  /**
   * Records the agent's first connection with its own credential, if its stored secret hash is
   * still {@code secretHash}: atomic like {@link #replaceSecret}, so a connection with a secret an
   * enrolment retry has just replaced is not let in.
   *
   * @return whether the agent is now confirmed with that secret (false: it was replaced, or is gone)
   */
  boolean confirm(String agentId, String secretHash, Instant at);

  /**
   * @throws IllegalStateException when another agent not revoked has that name
   */
  void rename(String agentId, String newName);

  void setLabels(String agentId, Set<String> labels);

  List<AgentRecord> all();
}
