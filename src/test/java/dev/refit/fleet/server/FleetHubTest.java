package dev.refit.fleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Heartbeat;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.Revoked;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.Welcome;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
}
