package dev.refit.fleet.agent;

import dev.refit.fleet.host.EngineFacts;
import dev.refit.fleet.host.HostEnvironment;
import dev.refit.fleet.protocol.Action;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandAck;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Direction;
import dev.refit.fleet.protocol.Heartbeat;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.HistoryBatch;
import dev.refit.fleet.protocol.HistoryRecord;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolException;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.Revoked;
import dev.refit.fleet.protocol.Secret;
import dev.refit.fleet.protocol.Welcome;
import dev.refit.store.HistoryEntry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the protocol, without sockets: it says hello, keeps the credential the
 * welcome hands over, runs each command once (the {@link CommandLedger} answers replays), and
 * sends inventories, reports and its own history upstream. The connection loop feeds it frames.
 *
 * <p>History goes up from the id the welcome names (what the server already stored), after the
 * welcome and again after every inventory and report, so entries recorded while offline follow on
 * the next connection. The server stores each entry once, so sending one twice is harmless.
 */
public final class AgentLink {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);

  /** What happens to the connection loop after a frame. */
  public enum Verdict {
    CONTINUE,
    /** The server revoked this agent: stop, do not reconnect. */
    REVOKED
  }

  private final String name;
  private final HostEnvironment local;
  private final CommandLedger ledger;
  private final HistoryFeed history;
  private final AgentUpgrader upgrader;
  private final Consumer<AgentIdentity> enrolled;
  private final ExecutorService worker;
  private final Clock clock;
  private final MessageCodec codec = new MessageCodec();
  /** Held while an inventory is read and sent: see {@link #sendInventory()}. */
  private final Object inventoryOrder = new Object();
  private volatile @Nullable Uplink uplink;
  private volatile int heartbeatSeconds = 15;
  /** The id of the last history entry sent on this connection; null: the server takes none. */
  private @Nullable Long historySent;

  /**
   * @param enrolled told the credential of a welcome that carries one (store it before anything)
   * @param worker runs agent upgrades (which take long) off the connection's thread
   */
  public AgentLink(
      String name,
      HostEnvironment local,
      CommandLedger ledger,
      HistoryFeed history,
      AgentUpgrader upgrader,
      Consumer<AgentIdentity> enrolled,
      ExecutorService worker,
      Clock clock) {
    this.name = name;
    this.local = local;
    this.ledger = ledger;
    this.history = history;
    this.upgrader = upgrader;
    this.enrolled = enrolled;
    this.worker = worker;
    this.clock = clock;
    local.onInventory(this::sendInventory);
  }

  /**
   * Commands cut off by a restart (accepted, never finished) are reported failed: whether their
   * work happened is unknown, so they are not run again. Call once at start.
   */
  public void failInterrupted() {
    // an upgrade of this agent ends with its process by design: this process reports its verdict
    Set<String> upgrading = upgrader.pending().map(Set::of).orElse(Set.of());
    upgrading.forEach(
        id ->
            CompletableFuture.supplyAsync(upgrader::resume, worker)
                .thenAccept(
                    report ->
                        report.ifPresent(
                            r -> {
                              if (ledger.finish(r)) {
                                send(r);
                              }
                            })));
    List<CommandReport> reports =
        ledger.failInterrupted(
            "the agent stopped while running this command; check the environment", upgrading);
    reports.forEach(r -> LOG.warn("command {} was cut off by a restart", r.commandId()));
  }

  /**
   * A connection opened: say who we are. The hello is sent before the connection is published to
   * the other senders (a cycle's inventory, a resumed upgrade's report): the server closes a
   * connection whose first frame is anything else, and an enrolling agent would then never get the
   * welcome that carries its credential, with its join token already spent.
   */
  public void opened(Uplink link) {
    EngineFacts facts = local.facts();
    try {
      link.send(
          codec.encode(
              new Hello(ProtocolVersion.CURRENT, name, facts.refitVersion(), facts.engineVersion(), facts.swarmRole())));
    } catch (RuntimeException e) {
      LOG.debug("could not send the hello: {}", e.toString());
    }
    this.uplink = link;
  }

  public void closed() {
    uplink = null;
    synchronized (this) {
      historySent = null;
    }
  }

  public boolean connected() {
    return uplink != null;
  }

  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  public void heartbeat() {
    send(new Heartbeat(clock.instant()));
  }

  /** A frame from the server. */
  public Verdict frame(String frame) {
    Message message;
    try {
      message = codec.decode(frame, Direction.SERVER_TO_AGENT);
    } catch (ProtocolException e) {
      LOG.warn("server sent a frame this agent cannot accept: {}", e.getMessage());
      Uplink link = uplink;
      if (link != null) {
        link.close(String.valueOf(e.getMessage()));
      }
      return Verdict.CONTINUE;
    }
    if (message instanceof Welcome welcome) {
      welcome(welcome);
    } else if (message instanceof Command command) {
      command(command);
    } else if (message instanceof Revoked revoked) {
      LOG.error("this agent was revoked by the server: {}", revoked.reason());
      return Verdict.REVOKED;
    }
    return Verdict.CONTINUE;
  }

  private void welcome(Welcome welcome) {
    Secret secret = welcome.agentSecret();
    if (secret != null) {
      // stored before anything else: the join token is spent, this is the only credential now
      enrolled.accept(new AgentIdentity(welcome.agentId(), secret));
      LOG.info("enrolled with the server as {}", welcome.agentId());
    }
    heartbeatSeconds = welcome.heartbeatSeconds();
    synchronized (this) {
      historySent = welcome.historyAfter();
    }
    sendInventory();
  }

  private void command(Command command) {
    Offer offer;
    try {
      offer = ledger.offer(command.id());
    } catch (RuntimeException e) {
      // not recorded, not run (it could run twice otherwise): the server sends it again when this
      // agent reconnects, after its backoff, until the disk has room
      LOG.warn("cannot record command {} ({}); reconnecting, the server sends it again", command.id(), e.getMessage());
      Uplink link = uplink;
      if (link != null) {
        link.close("cannot record command " + command.id());
      }
      return;
    }
    send(new CommandAck(command.id()));
    switch (offer.kind()) {
      case IN_FLIGHT -> {
        // its report follows when it ends
      }
      case DONE -> {
        CommandReport report = offer.report();
        if (report != null) {
          send(report);
        }
      }
      case NEW -> {
        LOG.info("running command {} ({})", command.id(), command.action());
        CompletableFuture<CommandReport> run =
            switch (command.action()) {
              case UPGRADE_AGENT -> CompletableFuture.supplyAsync(() -> upgrader.upgrade(command), worker);
              default -> local.execute(command);
            };
        run.handle((report, e) -> e == null ? report : failure(command, e))
            .thenAccept(
                report -> {
                  if (report != null && ledger.finish(report)) {
                    send(report);
                  }
                  sendHistory();
                });
      }
    }
  }

  /**
   * The report of a command that threw, or null for an upgrade of this agent cut off while its
   * rollout is under way (this process is being replaced): the process that runs next reports
   * the rollout's verdict under the same id, so nothing is recorded here.
   */
  private @Nullable CommandReport failure(Command command, Throwable e) {
    if (command.action() == Action.UPGRADE_AGENT && upgrader.pending().filter(command.id()::equals).isPresent()) {
      LOG.info("upgrade {} handed over; the agent that runs next reports it", command.id());
      return null;
    }
    return new CommandReport(command.id(), false, "the command failed: " + e, "");
  }

  /**
   * The welcome and the end of a cycle both send the inventory, on different threads. Each reads
   * and sends it under one lock, so an inventory read before a cycle ended never arrives after the
   * one read at its end: the server keeps the last it got, and an agent whose first cycle ended
   * while it was being welcomed used to stand there without targets until its next cycle. Before
   * the first cycle there is nothing true to say, and the server keeps what it had.
   */
  private void sendInventory() {
    synchronized (inventoryOrder) {
      if (local.checked()) {
        send(local.inventory());
      }
    }
    sendHistory();
  }

  /** Sends the history entries the server does not have yet, a batch per frame. */
  private synchronized void sendHistory() {
    Long after = historySent;
    while (after != null && uplink != null) {
      List<HistoryEntry> entries = history.after(after, HistoryBatch.MAX_ENTRIES);
      if (entries.isEmpty()) {
        return;
      }
      send(new HistoryBatch(entries.stream().map(AgentLink::record).toList()));
      after = entries.get(entries.size() - 1).id();
      historySent = after;
    }
  }

  private static HistoryRecord record(HistoryEntry e) {
    return new HistoryRecord(
        e.id(),
        e.startedAt(),
        e.finishedAt(),
        e.targetKind(),
        e.targetName(),
        e.location(),
        e.fromImage(),
        e.toImage(),
        e.fromDigest(),
        e.toDigest(),
        e.outcome().name(),
        e.message(),
        e.trigger());
  }

  /** Sends when connected; a frame lost while offline is healed by the next (inventory, replay). */
  private void send(Message message) {
    Uplink link = uplink;
    if (link != null) {
      try {
        link.send(codec.encode(message));
      } catch (RuntimeException e) {
        LOG.debug("could not send {}: {}", message.type().wireName(), e.toString());
      }
    }
  }
}
