package dev.refit.fleet.agent;

import dev.refit.store.HistoryEntry;
import java.util.List;

/** The agent's own history, read in id order from a point: what it sends upstream. */
@FunctionalInterface
public interface HistoryFeed {
  /** Entries with an id above {@code id}, oldest first, at most {@code limit}. */
  List<HistoryEntry> after(long id, int limit);
}
