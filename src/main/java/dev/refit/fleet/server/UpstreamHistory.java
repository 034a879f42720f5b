package dev.refit.fleet.server;

import dev.refit.fleet.protocol.HistoryRecord;
import java.util.List;

/** The history agents send upstream, kept per agent; each (agent, entry id) is stored once. */
public interface UpstreamHistory {
  /** The highest entry id stored for the agent (0: none): it sends what comes after. */
  long lastStored(String agentId);

  /** Stores the entries not stored yet; returns how many were new. */
  int store(String agentId, List<HistoryRecord> entries);
}
