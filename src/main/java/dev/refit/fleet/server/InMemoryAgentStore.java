package dev.refit.fleet.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** For tests, and a server run without a database. */
public final class InMemoryAgentStore implements AgentStore {
  private final Map<String, AgentRecord> agents = new LinkedHashMap<>();

  @Override
  public synchronized void add(AgentRecord agent) {
    if (agents.putIfAbsent(agent.agentId(), agent) != null) {
      throw new IllegalStateException("agent id " + agent.agentId() + " already exists");
    }
  }

  @Override
  public synchronized Optional<AgentRecord> find(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  @Override
  public synchronized boolean revoke(String agentId, Instant at) {
    AgentRecord agent = agents.get(agentId);
    if (agent == null || agent.isRevoked()) {
      return false;
    }
    agents.put(agentId, agent.revoke(at));
    return true;
  }

  @Override
  public synchronized List<AgentRecord> all() {
    return new ArrayList<>(agents.values());
  }
}
