package dev.refit.fleet.server;

import dev.refit.fleet.protocol.HistoryRecord;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' history in the server's own {@code history} table, marked with the agent: {@code GET
 * /api/history?environment=NAME}, {@code refit history --environment} and the UI read it there.
 */
public final class SqlUpstreamHistory implements UpstreamHistory {
  private static final Logger LOG = LoggerFactory.getLogger(SqlUpstreamHistory.class);

  private final UpdateHistory history;

  public SqlUpstreamHistory(UpdateHistory history) {
    this.history = history;
  }

  @Override
  public long lastStored(String agentId) {
    return history.lastFromAgent(agentId);
  }

  @Override
  public int store(String agentId, List<HistoryRecord> entries) {
    int added = 0;
    for (HistoryRecord r : entries) {
      UpdateOutcome outcome;
      try {
        outcome = UpdateOutcome.valueOf(r.outcome());
      } catch (IllegalArgumentException e) {
        // a newer agent's kind of outcome: the rest of the batch is still good
        LOG.warn("agent {}: history entry {} has an unknown outcome; skipped", agentId, r.id());
        continue;
      }
      HistoryEntry entry =
          HistoryEntry.of(r.targetKind(), r.targetName(), r.location())
              .between(r.startedAt(), r.finishedAt())
              .images(r.fromImage(), r.toImage())
              .digests(r.fromDigest(), r.toDigest())
              .outcome(outcome, r.message())
              .trigger(r.trigger())
              .build()
              .withId(r.id());
      if (history.recordFromAgent(agentId, entry)) {
        added++;
      }
    }
    return added;
  }
}
