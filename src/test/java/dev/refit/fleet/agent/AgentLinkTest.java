package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.fleet.host.EngineFacts;
import dev.refit.fleet.host.HostEnvironment;
import dev.refit.fleet.protocol.Action;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandAck;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.protocol.Welcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's protocol side against a fake host and a recording connection. */
class AgentLinkTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
  private final MessageCodec codec = new MessageCodec();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void theHelloGoesFirstAndNoInventoryBeforeTheFirstCycleEnds() {
    FakeHost host = new FakeHost();
    Recorder uplink = new Recorder();
    AgentLink link = link(host);

    link.opened(uplink);
    link.frame(welcome());

    assertThat(uplink.messages()).hasSize(1).first().isInstanceOf(Hello.class);

    host.cycleEnds("web");

    assertThat(lastInventory(uplink).targets()).extracting(InventoryTarget::name).containsExactly("web");
  }

  /**
   * The welcome reads the inventory on the connection's thread while a cycle ends on another: the
   * inventory read first must not be sent last, or the server keeps a view older than the host's.
   */
  @Test
  void anInventoryReadBeforeACycleEndedNeverArrivesAfterTheOneReadAtItsEnd() throws Exception {
    FakeHost host = new FakeHost();
    host.cycleEnds("web");
    Recorder uplink = new Recorder();
    AgentLink link = link(host);
    link.opened(uplink);
    host.holdNextRead();

    Thread welcomed = new Thread(() -> link.frame(welcome()), "welcome");
    welcomed.start();
    assertThat(host.readHeld.await(10, TimeUnit.SECONDS)).isTrue();
    // the welcome's thread has read the old inventory and not sent it yet; now the cycle ends
    Thread cycle = new Thread(() -> host.cycleEnds("web", "db"), "cycle");
    cycle.start();
    while (cycle.getState() != Thread.State.BLOCKED && cycle.isAlive()) {
      Thread.onSpinWait();
    }
    host.releaseRead.countDown();
    welcomed.join(10_000);
    cycle.join(10_000);

    assertThat(lastInventory(uplink).targets())
        .extracting(InventoryTarget::name)
        .as("the inventory the server keeps")
        .containsExactly("web", "db");
  }

  @Test
  void aCommandSentAgainIsAcknowledgedAndAnsweredFromTheLedgerWithoutRunningTwice() {
    FakeHost host = new FakeHost();
    host.cycleEnds("web");
    Recorder uplink = new Recorder();
    AgentLink link = link(host);
    link.opened(uplink);
    link.frame(welcome());
    String command = codec.encode(new Command("c-1", Action.CHECK_NOW, List.of(), null, null, null));

    link.frame(command);
    link.frame(command);

    assertThat(host.executed.get()).isEqualTo(1);
    assertThat(uplink.messages().stream().filter(CommandAck.class::isInstance)).hasSize(2);
    assertThat(uplink.messages().stream().filter(CommandReport.class::isInstance))
        .extracting(m -> ((CommandReport) m).commandId())
        .containsExactly("c-1", "c-1");
  }

  /** The agent's disk is full: a command it cannot record is not run, and the link reconnects for it. */
  @Test
  void aCommandTheLedgerCannotRecordIsNotRunAndTheConnectionStartsOver() {
    FakeHost host = new FakeHost();
    Recorder uplink = new Recorder();
    LedgerStore full = new FullDiskLedgerStore(entry -> true);
    AgentLink link = link(host, new CommandLedger(full, CLOCK, CommandLedger.DEFAULT_CAPACITY));
    link.opened(uplink);

    link.frame(codec.encode(new Command("c-1", Action.CHECK_NOW, List.of(), null, null, null)));

    assertThat(host.executed.get()).isZero();
    assertThat(uplink.messages()).noneMatch(CommandAck.class::isInstance);
    assertThat(uplink.closed).isEqualTo("cannot record command c-1");
  }

  private AgentLink link(HostEnvironment host) {
    return link(host, new CommandLedger(new InMemoryLedgerStore(), CLOCK, CommandLedger.DEFAULT_CAPACITY));
  }

  private AgentLink link(HostEnvironment host, CommandLedger ledger) {
    return new AgentLink(
        "edge-a",
        host,
        ledger,
        (after, limit) -> List.of(),
        AgentUpgrader.unsupported(),
        identity -> {},
        worker,
        CLOCK);
  }

  private String welcome() {
    return codec.encode(new Welcome("agt_1", "1.0.0", 15, null));
  }

  private Inventory lastInventory(Recorder uplink) {
    List<Inventory> inventories =
        uplink.messages().stream().filter(Inventory.class::isInstance).map(Inventory.class::cast).toList();
    assertThat(inventories).as("inventories sent").isNotEmpty();
    return inventories.get(inventories.size() - 1);
  }

  private final class Recorder implements Uplink {
    private final List<String> frames = new CopyOnWriteArrayList<>();
    volatile String closed;

    @Override
    public void send(String frame) {
      frames.add(frame);
    }

    @Override
    public void close(String reason) {
      closed = reason;
    }

    List<Message> messages() {
      return frames.stream().map(codec::decode).toList();
    }
  }

  /** A host whose cycles end when the test says, with the targets the test names. */
  private static final class FakeHost implements HostEnvironment {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger executed = new AtomicInteger();
    private volatile List<String> targets = List.of();
    private volatile boolean checked;
    private volatile boolean holdNext;
    final CountDownLatch readHeld = new CountDownLatch(1);
    final CountDownLatch releaseRead = new CountDownLatch(1);

    void cycleEnds(String... names) {
      targets = List.of(names);
      checked = true;
      listeners.forEach(Runnable::run);
    }

    void holdNextRead() {
      holdNext = true;
    }

    @Override
    public EngineFacts facts() {
      return new EngineFacts("1.0.0", "20.10.24", SwarmRole.STANDALONE);
    }

    @Override
    public Inventory inventory() {
      List<InventoryTarget> rows = new ArrayList<>();
      for (String name : targets) {
        rows.add(new InventoryTarget(TargetKind.CONTAINER, name, "app:1", "1", "sha256:0", null, "none", "auto"));
      }
      if (holdNext) {
        holdNext = false;
        readHeld.countDown();
        try {
          releaseRead.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Inventory(CLOCK.instant(), rows);
    }

    @Override
    public boolean checked() {
      return checked;
    }

    @Override
    public void onInventory(Runnable listener) {
      listeners.add(listener);
    }

    @Override
    public CompletableFuture<CommandReport> execute(Command command) {
      executed.incrementAndGet();
      return CompletableFuture.completedFuture(new CommandReport(command.id(), true, "checked", ""));
    }
  }
}
