package dev.refit.fleet.host;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Inventory;
import java.util.concurrent.CompletableFuture;

/** One host's pipeline as an agent's protocol side uses it: its facts, its inventory, its commands. */
public interface HostEnvironment {
  EngineFacts facts();

  /** Every target as the last cycle saw it (none before the first cycle ends). */
  Inventory inventory();

  /** Whether a cycle has ended since start, so {@link #inventory()} says what the host runs. */
  boolean checked();

  /**
   * Told after every cycle, whatever asked for it. The listener reads {@link #inventory()} itself,
   * so whoever sends inventories from several threads can order reading and sending together.
   */
  void onInventory(Runnable listener);

  /** Runs a command; completes with its report once its cycle ended (never exceptionally). */
  CompletableFuture<CommandReport> execute(Command command);
}
