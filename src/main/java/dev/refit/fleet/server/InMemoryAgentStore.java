package dev.refit.fleet.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** For tests, and a server run without a database. */
public final class InMemoryAgentStore implements AgentStore {
  private final Map<String, AgentRecord> agents = new LinkedHashMap<>();

  @Override
  public synchronized void add(AgentRecord agent) {
    if (agents.containsKey(agent.agentId())) {
      throw new IllegalStateException("agent id " + agent.agentId() + " already exists");
    }
    requireFree(agent.name(), agent.agentId());
    agents.put(agent.agentId(), agent);
  }

  @Override
  public synchronized Optional<AgentRecord> find(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  @Override
  public synchronized Optional<AgentRecord> findByName(String name) {
    return agents.values().stream().filter(a -> !a.isRevoked() && a.name().equals(name)).findFirst();
  }

  @Override
  public synchronized boolean revoke(String agentId, Instant at) {
    return changeIf(agentId, a -> !a.isRevoked(), a -> a.revoke(at));
  }

  @Override
  public synchronized boolean replaceSecret(String agentId, String expectedHash, String newHash) {
    return changeIf(
        agentId,
        a -> !a.isRevoked() && !a.isConfirmed() && a.secretHash().equals(expectedHash),
        a -> a.withSecretHash(newHash));
  }

  @Override
  public synchronized boolean confirm(String agentId, String secretHash, Instant at) {
    return changeIf(
        agentId, a -> a.secretHash().equals(secretHash), a -> a.isConfirmed() ? a : a.confirm(at));
  }

  /** A compare-and-set, as the SQL store's conditional updates: changes the agent if it matches. */
  private boolean changeIf(
      String agentId, Predicate<AgentRecord> when, UnaryOperator<AgentRecord> change) {
    AgentRecord agent = agents.get(agentId);
    if (agent == null || !when.test(agent)) {
      return false;
    }
    agents.put(agentId, change.apply(agent));
    return true;
  }

  @Override
  public synchronized void rename(String agentId, String newName) {
    AgentRecord agent = agents.get(agentId);
    if (agent != null) {
      requireFree(newName, agentId);
      agents.put(agentId, agent.withName(newName));
    }
  }

  @Override
  public synchronized void setLabels(String agentId, Set<String> labels) {
    AgentRecord agent = agents.get(agentId);
    if (agent != null) {
      agents.put(agentId, agent.withLabels(labels));
    }
  }

  @Override
  public synchronized List<AgentRecord> all() {
    return new ArrayList<>(agents.values());
  }

  private void requireFree(String name, String agentId) {
    findByName(name)
        .filter(a -> !a.agentId().equals(agentId))
        .ifPresent(
            a -> {
              throw new IllegalStateException("an agent named '" + name + "' is already enrolled");
            });
  }
}
