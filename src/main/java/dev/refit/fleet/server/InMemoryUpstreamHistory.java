package dev.refit.fleet.server;

import dev.refit.fleet.protocol.HistoryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** For tests. */
public final class InMemoryUpstreamHistory implements UpstreamHistory {
  private final Map<String, TreeMap<Long, HistoryRecord>> stored = new HashMap<>();

  @Override
  public synchronized long lastStored(String agentId) {
    TreeMap<Long, HistoryRecord> entries = stored.get(agentId);
    return entries == null || entries.isEmpty() ? 0 : entries.lastKey();
  }

  @Override
  public synchronized int store(String agentId, List<HistoryRecord> entries) {
    int added = 0;
    for (HistoryRecord e : entries) {
      if (stored.computeIfAbsent(agentId, k -> new TreeMap<>()).putIfAbsent(e.id(), e) == null) {
        added++;
      }
    }
    return added;
  }

  public synchronized List<HistoryRecord> of(String agentId) {
    return new ArrayList<>(stored.getOrDefault(agentId, new TreeMap<>()).values());
  }
}
