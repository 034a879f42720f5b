package dev.refit.fleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Heartbeat;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.Revoked;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.protocol.Welcome;
import dev.refit.store.StoreException;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's session handling with a recording peer: no sockets, no database. */
class FleetHubTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
  private final MessageCodec codec = new MessageCodec();
  private final FleetHub hub =
      FleetHub.create(
          HubStores.inMemory(), null, new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(3)), clock);
  private final List<String> events = new ArrayList<>();

  /** Frames the server sent, decoded, and whether it closed. */
  private final class RecordingPeer implements Peer {
    final List<Message> sent = new ArrayList<>();
    String closed;

    @Override
    public void send(String frame) {
      sent.add(codec.decode(frame));
    }

    @Override
    public void close(int code, String reason) {
      closed = code + " " + reason;
    }
  }

  FleetHubTest() {
    hub.addListener(
        new FleetListener() {
          @Override
          public void onReport(String environment, CommandReport report) {
            events.add("report " + environment + " " + report.commandId());
          }

          @Override
          public void onOnline(String environment) {
            events.add("online " + environment);
          }

          @Override
          public void onOffline(String environment) {
            events.add("offline " + environment);
          }
        });
  }

  private String hello(String name) {
    return codec.encode(new Hello(ProtocolVersion.CURRENT, name, "1.0.0", "20.10.24", SwarmRole.STANDALONE));
  }

  private AgentSession enrol(String name, RecordingPeer peer) {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    AgentSession session = hub.open(hub.admit("Join " + token, null, name), peer);
    hub.frame(session, hello(name));
    return session;
  }

  @Test
  void enrolmentHandsOverTheSecretOnceAndItAuthenticatesFromThenOn() {
    RecordingPeer peer = new RecordingPeer();
    enrol("edge", peer);

    Welcome welcome = (Welcome) peer.sent.get(0);
    assertThat(welcome.agentSecret()).isNotNull();
    assertThat(welcome.heartbeatSeconds()).isEqualTo(1);
    assertThat(events).containsExactly("online edge");
    assertThat(hub.admit("Bearer " + welcome.agentSecret().reveal(), welcome.agentId(), null).newSecret()).isNull();
    assertThatThrownBy(() -> hub.admit("Bearer wrong-secret", welcome.agentId(), null))
        .isInstanceOf(FleetRefusal.class)
        .hasMessage("missing or wrong agent credentials");
  }

  /**
   * The agent never got its welcome (timed out, connection dropped) and tries again with the same
   * token: let in as the same agent with a new secret, until it has used its credential once.
   */
  @Test
  void anEnrolmentWhoseAnswerWasLostIsAdmittedAgainWithANewSecretUntilTheCredentialIsUsed() {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    Admission lost = hub.admit("Join " + token, null, "edge");
    clock.advance(Duration.ofSeconds(70));

    Admission again = hub.admit("Join " + token, null, "edge");
    RecordingPeer peer = new RecordingPeer();
    hub.frame(hub.open(again, peer), hello("edge"));

    Welcome welcome = (Welcome) peer.sent.get(0);
    assertThat(welcome.agentId()).isEqualTo(lost.agentId());
    assertThat(welcome.agentSecret()).isNotNull().isNotEqualTo(lost.newSecret());
    assertThatThrownBy(() -> hub.admit("Bearer " + lost.newSecret().reveal(), lost.agentId(), null))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(hub.admit("Bearer " + welcome.agentSecret().reveal(), welcome.agentId(), null).newSecret()).isNull();
    // it has its credential: the token enrols nothing any more, refused as before
    assertThatThrownBy(() -> hub.admit("Join " + token, null, "edge"))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThatThrownBy(() -> hub.admit("Join " + token, null, "other"))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e)
            .hasMessage("join token was already used; issue a new one").extracting(FleetRefusal::status).isEqualTo(401));
    assertThat(hub.environments()).extracting(EnvironmentView::name).containsExactly("edge");
  }

  /**
   * An agent that enrolled and speaks after its welcome has its credential (it stores it before
   * anything else): a copy of its spent token enrols nothing, even before the agent reconnects.
   */
  @Test
  void anAgentThatSpokeAfterItsWelcomeCannotBeEnrolledAgainWithItsToken() {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    RecordingPeer peer = new RecordingPeer();
    AgentSession session = hub.open(hub.admit("Join " + token, null, "edge"), peer);
    hub.frame(session, hello("edge"));
    hub.frame(session, codec.encode(new Heartbeat(clock.instant())));

    assertThatThrownBy(() -> hub.admit("Join " + token, null, "edge"))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(peer.closed).isNull();
  }

  /** A retry that replaced the secret ends the first connection when it speaks again. */
  @Test
  void aConnectionWhoseEnrolmentWasRetriedElsewhereIsClosed() {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    RecordingPeer first = new RecordingPeer();
    AgentSession session = hub.open(hub.admit("Join " + token, null, "edge"), first);
    hub.frame(session, hello("edge"));
    Admission retried = hub.admit("Join " + token, null, "edge");

    hub.frame(session, codec.encode(new Heartbeat(clock.instant())));
    assertThat(first.closed).isEqualTo("1008 enrolled again on another connection");
    assertThat(hub.admit("Bearer " + retried.newSecret().reveal(), retried.agentId(), null).agentId())
        .isEqualTo(retried.agentId());
  }

  @Test
  void anEnrolmentRetryAfterTheWindowIsRefusedAsBefore() {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    Admission lost = hub.admit("Join " + token, null, "edge");
    clock.advance(JoinTokens.RETRY_WINDOW);

    assertThatThrownBy(() -> hub.admit("Join " + token, null, "edge"))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(hub.admit("Bearer " + lost.newSecret().reveal(), lost.agentId(), null).agentId()).isEqualTo(lost.agentId());
  }

  @Test
  void aRevokedHalfEnrolledAgentCannotBeEnrolledAgainWithItsToken() {
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    hub.admit("Join " + token, null, "edge");
    hub.revoke("edge");

    assertThatThrownBy(() -> hub.admit("Join " + token, null, "edge"))
        .isInstanceOfSatisfying(FleetRefusal.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(hub.environments()).isEmpty();
  }

  @Test
  void aNameTakenOrReservedIsRefusedWithoutSpendingTheToken() {
    enrol("edge", new RecordingPeer());
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    assertThatThrownBy(() -> hub.admit("Join " + token, null, "edge"))
        .isInstanceOf(FleetRefusal.class)
        .satisfies(e -> assertThat(((FleetRefusal) e).status()).isEqualTo(409));
    assertThatThrownBy(() -> hub.admit("Join " + token, null, FleetHub.LOCAL)).isInstanceOf(FleetRefusal.class);
    assertThat(hub.admit("Join " + token, null, "edge-2").newSecret()).isNotNull();
  }

  @Test
  void aCommandForAnOfflineAgentWaitsAndIsSentAgainOnEachReconnectUntilItsReport() {
    RecordingPeer first = new RecordingPeer();
    AgentSession session = enrol("edge", first);
    String secret = ((Welcome) first.sent.get(0)).agentSecret().reveal();
    String id = ((Welcome) first.sent.get(0)).agentId();
    hub.closed(session);

    hub.send("edge", Command.checkNow("c-1"));
    hub.send("edge", Command.checkNow("c-1"));

    RecordingPeer second = new RecordingPeer();
    AgentSession back = hub.open(hub.admit("Bearer " + secret, id, null), second);
    hub.frame(back, hello("edge"));
    assertThat(second.sent).hasSize(2).last().isEqualTo(Command.checkNow("c-1"));

    hub.frame(back, codec.encode(new CommandReport("c-1", true, "checked", "")));
    hub.frame(back, codec.encode(new CommandReport("c-1", true, "checked", "")));
    assertThat(events).containsExactly("online edge", "offline edge", "online edge", "report edge c-1");
    assertThat(hub.reports("edge", 5)).hasSize(1);

    RecordingPeer third = new RecordingPeer();
    hub.closed(back);
    AgentSession again = hub.open(hub.admit("Bearer " + secret, id, null), third);
    hub.frame(again, hello("edge"));
    assertThat(third.sent).hasSize(1); // the welcome only: nothing owed
  }

  @Test
  void revokingCutsTheAgentOffAtOnce() {
    RecordingPeer peer = new RecordingPeer();
    enrol("edge", peer);
    String secret = ((Welcome) peer.sent.get(0)).agentSecret().reveal();
    String id = ((Welcome) peer.sent.get(0)).agentId();

    hub.revoke("edge");

    assertThat(peer.sent).last().isInstanceOf(Revoked.class);
    assertThat(peer.closed).startsWith("1008");
    assertThat(hub.environments()).isEmpty();
    assertThatThrownBy(() -> hub.admit("Bearer " + secret, id, null)).isInstanceOf(FleetRefusal.class);
    assertThatThrownBy(() -> hub.send("edge", Command.checkNow("c-2"))).isInstanceOf(UnknownEnvironmentException.class);
  }

  @Test
  void silenceMarksTheAgentOfflineAndAFrameBeforeHelloOrABadFrameClosesTheSession() {
    RecordingPeer peer = new RecordingPeer();
    AgentSession session = enrol("edge", peer);
    clock.advance(Duration.ofSeconds(2));
    hub.frame(session, codec.encode(new Heartbeat(clock.instant())));
    clock.advance(Duration.ofSeconds(2));
    hub.checkHeartbeats();
    assertThat(hub.environment("edge").orElseThrow().online()).isTrue();
    clock.advance(Duration.ofSeconds(2));
    hub.checkHeartbeats();
    assertThat(hub.environment("edge").orElseThrow().online()).isFalse();
    assertThat(peer.closed).startsWith("1001");

    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    RecordingPeer early = new RecordingPeer();
    AgentSession rude = hub.open(hub.admit("Join " + token, null, "rude"), early);
    hub.frame(rude, codec.encode(new Heartbeat(clock.instant())));
    assertThat(early.closed).isEqualTo("1008 the first frame must be a hello");

    RecordingPeer garbled = new RecordingPeer();
    String token2 = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    AgentSession bad = hub.open(hub.admit("Join " + token2, null, "bad"), garbled);
    hub.frame(bad, "{\"type\":\"command\",\"version\":\"1.0\",\"id\":\"x\",\"action\":\"CHECK_NOW\"}");
    assertThat(garbled.closed).startsWith("1008 command: not allowed from agent to server");
  }

  /**
   * The server's disk fills while an agent reports: the connection is closed with 1011 and one
   * line, nothing is half-stored, and the same agent's inventory lands once the disk has room.
   */
  @Test
  void aWriteTheDatabaseRefusesClosesTheConnectionAndTheAgentsNextTryLands() {
    FullDiskEnvironments disk = new FullDiskEnvironments();
    HubStores memory = HubStores.inMemory();
    FleetHub server =
        FleetHub.create(
            new HubStores(memory.agents(), disk, memory.commands(), memory.history(), memory.joinTokens()),
            null, new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(3)), clock);
    String token = server.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    RecordingPeer first = new RecordingPeer();
    AgentSession session = server.open(server.admit("Join " + token, null, "edge"), first);
    server.frame(session, hello("edge"));
    Welcome welcome = (Welcome) first.sent.get(0);
    String inventory =
        codec.encode(new Inventory(clock.instant(), List.of(new InventoryTarget(
            TargetKind.CONTAINER, "web", "app", "1.0", "sha256:1", "1.1", "semver", "auto"))));

    disk.full = true;
    server.frame(session, inventory);

    assertThat(first.closed).isEqualTo("1011 the server cannot store this now");
    assertThat(server.environment("edge").orElseThrow().online()).isFalse();

    disk.full = false;
    RecordingPeer second = new RecordingPeer();
    AgentSession again = server.open(server.admit("Bearer " + welcome.agentSecret().reveal(), welcome.agentId(), null), second);
    server.frame(again, hello("edge"));
    server.frame(again, inventory);

    assertThat(second.closed).isNull();
    assertThat(server.environment("edge").orElseThrow().targets()).extracting(InventoryTarget::name).containsExactly("web");
  }

  /** Environments in memory that refuse every write while {@link #full}, as SQLite on a full disk. */
  private static final class FullDiskEnvironments implements EnvironmentStore {
    private final EnvironmentStore memory = HubStores.inMemory().environments();
    volatile boolean full;

    private void write() {
      if (full) {
        throw new StoreException("cannot store environment in /var/lib/refit/refit.db: [SQLITE_FULL] database or disk is full", null);
      }
    }

    @Override
    public void save(String agentId, StoredEnvironment environment) {
      write();
      memory.save(agentId, environment);
    }

    @Override
    public Optional<StoredEnvironment> find(String agentId) {
      return memory.find(agentId);
    }

    @Override
    public void addReport(String agentId, CommandReport report, Instant at) {
      write();
      memory.addReport(agentId, report, at);
    }

    @Override
    public List<StoredReport> reports(String agentId, int limit) {
      return memory.reports(agentId, limit);
    }
  }
}
