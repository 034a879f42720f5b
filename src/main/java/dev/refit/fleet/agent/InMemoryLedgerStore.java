package dev.refit.fleet.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store that forgets on exit: for tests, and for an agent run without a database. */
public final class InMemoryLedgerStore implements LedgerStore {
  private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

  @Override
  public synchronized List<LedgerEntry> loadAll() {
    return new ArrayList<>(entries.values());
  }

  @Override
  public synchronized void put(LedgerEntry entry) {
    entries.put(entry.commandId(), entry);
  }

  @Override
  public synchronized void remove(String commandId) {
    entries.remove(commandId);
  }
}
