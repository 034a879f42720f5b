package dev.refit.fleet.agent;

import java.util.List;

/**
 * Where the ledger survives a restart (the agent's database, next). Each call is one small write,
 * made before the ledger answers, so a SIGKILL right after accepting a command still finds it
 * accepted on start and never runs it twice.
 */
public interface LedgerStore {
  List<LedgerEntry> loadAll();

  /** Inserts or replaces the entry for its command id. */
  void put(LedgerEntry entry);

  void remove(String commandId);
}
