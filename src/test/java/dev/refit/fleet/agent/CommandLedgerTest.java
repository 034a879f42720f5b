package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.protocol.CommandReport;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandLedgerTest {
  private final InMemoryLedgerStore store = new InMemoryLedgerStore();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T04:00:00Z"));

  private CommandLedger ledger(int capacity) {
    return new CommandLedger(store, clock, capacity);
  }

  private static CommandReport ok(String id) {
    return new CommandReport(id, true, "updated web to 1.27.0", "pulled\nstarted\nhealthy");
  }

  @Test
  void aNewCommandRunsOnce() {
    CommandLedger ledger = ledger(10);

    assertThat(ledger.offer("c-1/prod")).isEqualTo(new Offer(Offer.Kind.NEW, null));
    assertThat(ledger.offer("c-1/prod").kind()).isEqualTo(Offer.Kind.IN_FLIGHT);
    assertThat(ledger.inFlight()).containsExactly("c-1/prod");
  }

  @Test
  void aReplayAfterTheReportGetsTheStoredReportAndRunsNothing() {
    CommandLedger ledger = ledger(10);
    ledger.offer("c-1/prod");
    assertThat(ledger.finish(ok("c-1/prod"))).isTrue();

    Offer replay = ledger.offer("c-1/prod");

    assertThat(replay).isEqualTo(new Offer(Offer.Kind.DONE, ok("c-1/prod")));
    assertThat(ledger.inFlight()).isEmpty();
  }

  @Test
  void aSimulatedReconnectStormAppliesEachCommandOnce() {
    // the server re-sends everything in flight on each of 5 reconnects, while commands finish
    CommandLedger ledger = ledger(100);
    AtomicInteger applied = new AtomicInteger();
    List<String> ids = List.of("c-1/a", "c-1/b", "c-2/a");
    for (int reconnect = 0; reconnect < 5; reconnect++) {
      for (String id : ids) {
        if (ledger.offer(id).kind() == Offer.Kind.NEW) {
          applied.incrementAndGet();
        }
      }
      if (reconnect == 2) {
        ledger.finish(ok("c-1/a"));
      }
    }
    assertThat(applied).hasValue(3);
    assertThat(ledger.inFlight()).containsExactly("c-1/b", "c-2/a");
  }

  @Test
  void aSecondReportForTheSameIdIsIgnored() {
    CommandLedger ledger = ledger(10);
    ledger.offer("c-1/prod");
    ledger.finish(ok("c-1/prod"));

    CommandReport later = new CommandReport("c-1/prod", false, "late failure", "");
    assertThat(ledger.finish(later)).isFalse();
    assertThat(ledger.offer("c-1/prod").report()).isEqualTo(ok("c-1/prod"));
  }

  @Test
  void aReportForAnUnknownIdIsIgnored() {
    assertThat(ledger(10).finish(ok("never-offered"))).isFalse();
    assertThat(store.loadAll()).isEmpty();
  }

  @Test
  void keepsOnlyTheLastResultsButNeverForgetsARunningCommand() {
    CommandLedger ledger = ledger(2);
    ledger.offer("running");
    for (String id : List.of("a", "b", "c")) {
      ledger.offer(id);
      clock.advance(Duration.ofSeconds(1));
      ledger.finish(ok(id));
    }

    assertThat(store.loadAll()).extracting(LedgerEntry::commandId)
        .containsExactlyInAnyOrder("running", "b", "c");
    assertThat(ledger.offer("b").kind()).isEqualTo(Offer.Kind.DONE);
    assertThat(ledger.offer("running").kind()).isEqualTo(Offer.Kind.IN_FLIGHT);
    // the documented limit: an evicted id is new again
    assertThat(ledger.offer("a").kind()).isEqualTo(Offer.Kind.NEW);
  }

  @Test
  void survivesARestartThroughItsStore() {
    CommandLedger before = ledger(10);
    before.offer("done");
    before.finish(ok("done"));
    before.offer("cut-off");

    CommandLedger after = ledger(10);

    assertThat(after.offer("done")).isEqualTo(new Offer(Offer.Kind.DONE, ok("done")));
    assertThat(after.offer("cut-off").kind()).isEqualTo(Offer.Kind.IN_FLIGHT);
  }

  @Test
  void aCommandCutOffByACrashFailsInsteadOfRunningAgain() {
    CommandLedger before = ledger(10);
    before.offer("c-9/prod");
    // SIGKILL here: accepted and stored, never finished

    CommandLedger after = ledger(10);
    List<CommandReport> reports = after.failInterrupted("agent restarted while this ran");

    assertThat(reports)
        .containsExactly(new CommandReport("c-9/prod", false, "agent restarted while this ran", ""));
    assertThat(after.offer("c-9/prod").kind()).isEqualTo(Offer.Kind.DONE);
    assertThat(after.failInterrupted("again")).isEmpty();
  }

  @Test
  void reloadEvictsByResultAgeWhenTheCapacityShrank() {
    CommandLedger big = ledger(10);
    for (String id : List.of("old", "mid", "new")) {
      big.offer(id);
      clock.advance(Duration.ofMinutes(1));
      big.finish(ok(id));
    }

    CommandLedger small = ledger(2);

    assertThat(small.offer("old").kind()).isEqualTo(Offer.Kind.NEW);
    assertThat(store.loadAll()).extracting(LedgerEntry::commandId)
        .containsExactlyInAnyOrder("old", "mid", "new");
  }

  @Test
  void aStoredResultWithoutItsFinishTimeIsEvictedFirst() {
    store.put(new LedgerEntry("no-time", clock.instant(), ok("no-time"), null));
    store.put(new LedgerEntry("timed", clock.instant(), ok("timed"), clock.instant()));

    CommandLedger ledger = ledger(1);

    assertThat(ledger.offer("timed").kind()).isEqualTo(Offer.Kind.DONE);
    assertThat(store.loadAll()).extracting(LedgerEntry::commandId).containsExactly("timed");
  }

  @Test
  void acceptanceIsStoredBeforeTheAnswer() {
    List<String> writes = new ArrayList<>();
    LedgerStore recording =
        new LedgerStore() {
          @Override
          public List<LedgerEntry> loadAll() {
            return List.of();
          }

          @Override
          public void put(LedgerEntry entry) {
            writes.add(entry.commandId() + (entry.isFinished() ? ":done" : ":accepted"));
          }

          @Override
          public void remove(String commandId) {
            writes.add(commandId + ":removed");
          }
        };
    CommandLedger ledger = new CommandLedger(recording, clock, 1);
    ledger.offer("x");
    assertThat(writes).containsExactly("x:accepted");
    ledger.finish(ok("x"));
    ledger.offer("y");
    ledger.finish(ok("y"));
    assertThat(writes).containsExactly("x:accepted", "x:done", "y:accepted", "y:done", "x:removed");
  }

  @Test
  void aFailingStoreLeavesTheCommandUnaccepted() {
    LedgerStore full =
        new LedgerStore() {
          @Override
          public List<LedgerEntry> loadAll() {
            return List.of();
          }

          @Override
          public void put(LedgerEntry entry) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public void remove(String commandId) {}
        };
    CommandLedger ledger = new CommandLedger(full, clock, 10);
    assertThatThrownBy(() -> ledger.offer("x")).hasMessage("disk full");
    // not remembered in memory either: it was never accepted, so it must not be acknowledged
    assertThatThrownBy(() -> ledger.offer("x")).hasMessage("disk full");
    assertThat(ledger.inFlight()).isEmpty();
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> ledger(0)).hasMessage("ledger capacity must be at least 1");
  }


  /** The agent's disk fills while a command runs: its report still goes out, and a replay gets it. */
  @Test
  void aReportTheDiskCannotHoldIsStillSentAndAnswersAReplay() {
    CommandLedger ledger =
        new CommandLedger(
            new FullDiskLedgerStore(LedgerEntry::isFinished),
            clock,
            10);
    ledger.offer("c-1/prod");

    assertThat(ledger.finish(ok("c-1/prod"))).as("to be sent").isTrue();
    assertThat(ledger.offer("c-1/prod")).isEqualTo(new Offer(Offer.Kind.DONE, ok("c-1/prod")));
  }
}
