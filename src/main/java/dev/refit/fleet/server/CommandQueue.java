package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Command;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands each agent still owes a final report for, by agent id, oldest first. Sent again on
 * every hello; the agent's ledger answers a replay with the stored report instead of running it
 * again. Persisted on a server, so a restart re-delivers what it had queued whoever sent it.
 */
public interface CommandQueue {
  /** Queues it; false when this agent has that command id queued already. */
  boolean add(String agentId, Command command, Instant at);

  /**
   * Queues one command per agent (by agent id) at once; returns the agents whose command was not
   * queued already.
   */
  default Set<String> addAll(Map<String, Command> byAgent, Instant at) {
    Set<String> added = new LinkedHashSet<>();
    byAgent.forEach(
        (agentId, command) -> {
          if (add(agentId, command, at)) {
            added.add(agentId);
          }
        });
    return added;
  }

  /** Its final report came; false when it was not queued (a report sent again). */
  boolean remove(String agentId, String commandId);

  List<Command> owed(String agentId);

  /** Forgets every command of the agent (it was revoked). */
  void clear(String agentId);
}
