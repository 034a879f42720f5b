package dev.refit.fleet.agent;

import dev.refit.store.StoreException;
import java.util.List;
import java.util.function.Predicate;

/** A ledger store in memory that refuses the writes {@code refused} picks, as SQLite on a full disk. */
final class FullDiskLedgerStore implements LedgerStore {
  private final InMemoryLedgerStore memory = new InMemoryLedgerStore();
  private final Predicate<LedgerEntry> refused;

  FullDiskLedgerStore(Predicate<LedgerEntry> refused) {
    this.refused = refused;
  }

  @Override
  public List<LedgerEntry> loadAll() {
    return memory.loadAll();
  }

  @Override
  public void put(LedgerEntry entry) {
    if (refused.test(entry)) {
      throw new StoreException("cannot store the command ledger: [SQLITE_FULL] database or disk is full", null);
    }
    memory.put(entry);
  }

  @Override
  public void remove(String commandId) {
    memory.remove(commandId);
  }
}
