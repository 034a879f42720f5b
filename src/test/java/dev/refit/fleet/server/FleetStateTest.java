package dev.refit.fleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.HistoryBatch;
import dev.refit.fleet.protocol.HistoryRecord;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.Welcome;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.MovableClock;
import dev.refit.testing.OpenDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fleet server keeps in its database across a restart: the commands it owes agents and
 * the history agents send upstream. Each "server" here is a new hub over the same SQLite file.
 */
class FleetStateTest {
  private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");
  private final MovableClock clock = new MovableClock(T);
  private final MessageCodec codec = new MessageCodec();
  @TempDir Path stateDir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  private final class RecordingPeer implements Peer {
    final List<Message> sent = new ArrayList<>();

    @Override
    public void send(String frame) {
      sent.add(codec.decode(frame));
    }

    @Override
    public void close(int code, String reason) {}
  }

  /** A server starting on the state directory, as {@code refit serve} does. */
  private FleetHub server() {
    return FleetHub.create(
        HubStores.sql(databases.open(stateDir)), null,
        new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(3)), clock);
  }

  private record Enrolled(String agentId, String secret) {}

  private Enrolled enrol(FleetHub hub, String name) {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    RecordingPeer peer = new RecordingPeer();
    AgentSession session = hub.open(hub.admit("Join " + token, null, name), peer);
    hub.frame(session, hello(name));
    Welcome welcome = (Welcome) peer.sent.get(0);
    hub.closed(session);
    return new Enrolled(welcome.agentId(), welcome.agentSecret().reveal());
  }

  private AgentSession connect(FleetHub hub, Enrolled agent, String name, RecordingPeer peer) {
    AgentSession session = hub.open(hub.admit("Bearer " + agent.secret(), agent.agentId(), null), peer);
    hub.frame(session, hello(name));
    return session;
  }

  private String hello(String name) {
    return codec.encode(new Hello(ProtocolVersion.CURRENT, name, "1.0.0", "20.10.24", SwarmRole.STANDALONE));
  }

  private static HistoryRecord record(long id, String target, String outcome) {
    return new HistoryRecord(
        id, T, T.plusSeconds(5), "container", target, "unix:///var/run/docker.sock", "app:1.0.0",
        "app:1.1.0", null, null, outcome, outcome.equals("APPLIED") ? null : "unhealthy", "schedule");
  }

  @Test
  void aCommandQueuedBeforeARestartIsDeliveredByTheNextServerUntilItsReport() {
    FleetHub before = server();
    Enrolled edge = enrol(before, "edge");
    before.send("edge", Command.apply("adhoc-1", List.of("web"), "1.2.3"));
    before.send("edge", Command.checkNow("adhoc-2"));
    before.send("edge", Command.checkNow("adhoc-1")); // same id: queued once

    FleetHub after = server();
    RecordingPeer peer = new RecordingPeer();
    AgentSession session = connect(after, edge, "edge", peer);
    assertThat(peer.sent.subList(1, peer.sent.size()))
        .containsExactly(Command.apply("adhoc-1", List.of("web"), "1.2.3"), Command.checkNow("adhoc-2"));

    after.frame(session, codec.encode(new CommandReport("adhoc-1", true, "applied", "")));
    after.closed(session);
    RecordingPeer again = new RecordingPeer();
    connect(server(), edge, "edge", again);
    assertThat(again.sent.subList(1, again.sent.size())).containsExactly(Command.checkNow("adhoc-2"));
  }

  @Test
  void aWaveIsQueuedAtOnceDeliveredToWhoIsOnlineAndAnUnknownEnvironmentIsNamed() {
    FleetHub hub = server();
    Enrolled edge = enrol(hub, "edge");
    enrol(hub, "berlin");
    RecordingPeer online = new RecordingPeer();
    connect(hub, edge, "edge", online);

    var failed =
        hub.sendAll(
            java.util.Map.of(
                "edge", Command.checkNow("c-1/edge"),
                "berlin", Command.checkNow("c-1/berlin"),
                "gone", Command.checkNow("c-1/gone")));
    assertThat(failed).containsOnlyKeys("gone");
    assertThat(failed.get("gone")).isInstanceOf(UnknownEnvironmentException.class);
    assertThat(online.sent).last().isEqualTo(Command.checkNow("c-1/edge"));
    // again (a campaign resumed after a restart): queued once, not sent twice
    hub.sendAll(java.util.Map.of("edge", Command.checkNow("c-1/edge")));
    assertThat(online.sent).filteredOn(Command.class::isInstance).hasSize(1);
    SqlCommandQueue queue = new SqlCommandQueue(databases.open(stateDir));
    assertThat(queue.owed(edge.agentId())).containsExactly(Command.checkNow("c-1/edge"));
  }

  @Test
  void revokingForgetsTheQueuedCommands() {
    FleetHub hub = server();
    enrol(hub, "edge");
    hub.send("edge", Command.checkNow("adhoc-1"));
    hub.revoke("edge");
    assertThat(new SqlCommandQueue(databases.open(stateDir)).owed("edge")).isEmpty();
  }

  @Test
  void historyFromAnAgentIsStoredOnceAndTheWelcomeSaysWhereToResume() {
    FleetHub hub = server();
    Enrolled edge = enrol(hub, "edge");
    enrol(hub, "berlin");
    UpdateHistory history = new UpdateHistory(databases.open(stateDir));
    history.record(
        HistoryEntry.of("container", "web", "unix:///var/run/docker.sock")
            .between(T, T)
            .outcome(UpdateOutcome.APPLIED, null)
            .build());

    RecordingPeer peer = new RecordingPeer();
    AgentSession session = connect(hub, edge, "edge", peer);
    assertThat(((Welcome) peer.sent.get(0)).historyAfter()).isZero();
    HistoryBatch batch =
        new HistoryBatch(List.of(record(1, "web", "APPLIED"), record(2, "db", "ROLLED_BACK")));
    hub.frame(session, codec.encode(batch));
    // a reconnect that sends the same entries again, and one kind this server does not know
    hub.frame(session, codec.encode(new HistoryBatch(List.of(record(2, "db", "ROLLED_BACK"), record(3, "db", "EXPLODED")))));
    hub.closed(session);

    RecordingPeer back = new RecordingPeer();
    connect(server(), edge, "edge", back);
    assertThat(((Welcome) back.sent.get(0)).historyAfter()).isEqualTo(2);

    assertThat(history.count(HistoryFilter.ALL)).isEqualTo(3);
    assertThat(history.page(HistoryFilter.parse("edge", null, null), 0, 10))
        .extracting(HistoryEntry::targetName, HistoryEntry::environment, HistoryEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("db", "edge", UpdateOutcome.ROLLED_BACK),
            org.assertj.core.groups.Tuple.tuple("web", "edge", UpdateOutcome.APPLIED));
    assertThat(history.page(HistoryFilter.parse("local", null, null), 0, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.environment()).isNull());
    assertThat(history.count(HistoryFilter.parse("berlin", null, null))).isZero();
    assertThat(history.count(HistoryFilter.parse("edge", "db", "rolled_back"))).isEqualTo(1);
    // what acts on this host (rollback, plans) never reads an agent's entries
    assertThat(history.ofTarget("db", 10)).isEmpty();
    assertThat(history.page(0, 10)).hasSize(1);

    hub.rename("edge", "edge-berlin");
    assertThat(history.page(HistoryFilter.parse("edge-berlin", null, null), 0, 10)).hasSize(2)
        .allSatisfy(e -> assertThat(e.environment()).isEqualTo("edge-berlin"));
  }

  /**
   * The server was too loaded to answer the enrolment in time and restarted: the agent's retry
   * with its join token reaches the next server, which knows the token enrolled it.
   */
  @Test
  void anEnrolmentRetriedAfterARestartGetsTheSameAgentWithANewSecret() {
    FleetHub before = server();
    String token = before.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    Admission lost = before.admit("Join " + token, null, "edge");
    clock.advance(Duration.ofMinutes(2));

    FleetHub after = server();
    RecordingPeer peer = new RecordingPeer();
    AgentSession session = after.open(after.admit("Join " + token, null, "edge"), peer);
    after.frame(session, hello("edge"));
    Welcome welcome = (Welcome) peer.sent.get(0);
    after.closed(session);

    assertThat(welcome.agentId()).isEqualTo(lost.agentId());
    Enrolled edge = new Enrolled(welcome.agentId(), welcome.agentSecret().reveal());
    RecordingPeer back = new RecordingPeer();
    connect(server(), edge, "edge", back);
    assertThat(back.sent.get(0)).isInstanceOf(Welcome.class);
    assertThat(new SqlAgentStore(databases.open(stateDir)).find(edge.agentId()).orElseThrow().confirmedAt())
        .isEqualTo(clock.instant());
    assertThat(server().environments()).extracting(EnvironmentView::name).containsExactly("edge");
  }
}
