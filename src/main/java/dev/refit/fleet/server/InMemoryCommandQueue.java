package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Command;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For tests. */
public final class InMemoryCommandQueue implements CommandQueue {
  private final Map<String, Map<String, Command>> queued = new HashMap<>();

  @Override
  public synchronized boolean add(String agentId, Command command, Instant at) {
    return queued.computeIfAbsent(agentId, k -> new LinkedHashMap<>()).putIfAbsent(command.id(), command)
        == null;
  }

  @Override
  public synchronized boolean remove(String agentId, String commandId) {
    Map<String, Command> owed = queued.get(agentId);
    return owed != null && owed.remove(commandId) != null;
  }

  @Override
  public synchronized List<Command> owed(String agentId) {
    return List.copyOf(queued.getOrDefault(agentId, Map.of()).values());
  }

  @Override
  public synchronized void clear(String agentId) {
    queued.remove(agentId);
  }
}
