package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.CommandReport;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's memory of commands it accepted, so a command is applied at most once although the
 * server re-sends it after every reconnect until it sees the report (the campaign relies on this).
 *
 * <p>Bounded: it keeps the last {@code capacity} finished results; running commands are never
 * evicted. A command replayed after its result was evicted would run again, so the capacity must
 * exceed the number of commands that finish while one agent is disconnected (the server re-sends
 * only the commands in flight, a handful, so the default of 1000 is ample).
 *
 * <p>Synchronized: commands arrive on the connection's thread and finish on the pipeline's.
 */
public final class CommandLedger {
  private static final Logger LOG = LoggerFactory.getLogger(CommandLedger.class);

  public static final int DEFAULT_CAPACITY = 1000;

  private final LedgerStore store;
  private final Clock clock;
  private final int capacity;
  private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();
  /** Finished ids, oldest result first: the eviction order. */
  private final Deque<String> finished = new ArrayDeque<>();

  public CommandLedger(LedgerStore store, Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ledger capacity must be at least 1");
    }
    this.store = store;
    this.clock = clock;
    this.capacity = capacity;
    List<LedgerEntry> stored = store.loadAll();
    stored.stream().filter(e -> !e.isFinished()).forEach(e -> entries.put(e.commandId(), e));
    stored.stream()
        .filter(LedgerEntry::isFinished)
        // a row without its finish time (hand-edited, an older schema) counts as the oldest
        .sorted(
            Comparator.comparing(
                LedgerEntry::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(
            e -> {
              entries.put(e.commandId(), e);
              finished.addLast(e.commandId());
            });
    evict();
  }

  /** Records a command as accepted (before it runs) or tells how to answer a replay. */
  public synchronized Offer offer(String commandId) {
    LedgerEntry known = entries.get(commandId);
    if (known == null) {
      LedgerEntry entry = new LedgerEntry(commandId, clock.instant(), null, null);
      store.put(entry);
      entries.put(commandId, entry);
      return new Offer(Offer.Kind.NEW, null);
    }
    CommandReport report = known.report();
    return report == null
        ? new Offer(Offer.Kind.IN_FLIGHT, null)
        : new Offer(Offer.Kind.DONE, report);
  }

  /**
   * Stores a command's final report. A second report for the same id is ignored (the first one
   * was already sent and counted), as is one for an id never offered.
   *
   * @return whether the report was recorded (and so should be sent)
   */
  public synchronized boolean finish(CommandReport report) {
    LedgerEntry known = entries.get(report.commandId());
    if (known == null || known.isFinished()) {
      return false;
    }
    LedgerEntry done = known.finish(report, clock.instant());
    entries.put(done.commandId(), done);
    try {
      store.put(done);
    } catch (RuntimeException e) {
      // a full disk: the report still goes to the server, and a replay is answered from memory;
      // only a restart before the disk has room would report the command as cut off
      LOG.warn("cannot record the end of command {} ({}); reporting it all the same", done.commandId(), e.getMessage());
    }
    finished.addLast(done.commandId());
    evict();
    return true;
  }

  /**
   * After a restart, commands accepted but not finished were cut off mid-run (SIGKILL, power).
   * Whether their work happened is unknown, so running them again is unsafe: each is finished as
   * failed with {@code message}, and the report goes to the server for a person to decide.
   *
   * @return the reports to send
   */
  public synchronized List<CommandReport> failInterrupted(String message) {
    return failInterrupted(message, java.util.Set.of());
  }

  /**
   * As {@link #failInterrupted(String)}, except the commands in {@code carriedOn}: work that
   * outlives the process by design (an agent upgrade, which the next process reports).
   */
  public synchronized List<CommandReport> failInterrupted(String message, java.util.Set<String> carriedOn) {
    List<String> running =
        entries.values().stream()
            .filter(e -> !e.isFinished() && !carriedOn.contains(e.commandId()))
            .map(LedgerEntry::commandId)
            .toList();
    return running.stream()
        .map(id -> new CommandReport(id, false, message, ""))
        .filter(this::finish)
        .toList();
  }

  /** Commands accepted and not finished. */
  public synchronized List<String> inFlight() {
    return entries.values().stream()
        .filter(e -> !e.isFinished())
        .map(LedgerEntry::commandId)
        .toList();
  }

  private void evict() {
    while (finished.size() > capacity) {
      String oldest = finished.removeFirst();
      entries.remove(oldest);
      store.remove(oldest);
    }
  }
}
