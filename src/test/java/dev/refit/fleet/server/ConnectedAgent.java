package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.SwarmRole;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent connected to a hub the way its WebSocket endpoint connects one, for tests outside this
 * package: enrolled with a fresh join token, greeted, then frames both ways without a socket.
 */
public final class ConnectedAgent {
  private final FleetHub hub;
  private final AgentSession session;
  private final MessageCodec codec = new MessageCodec();
  private final List<Message> received = new CopyOnWriteArrayList<>();

  private ConnectedAgent(FleetHub hub, String name) {
    this.hub = hub;
    MessageCodec decoder = new MessageCodec();
    String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
    this.session =
        hub.open(
            hub.admit("Join " + token, null, name),
            new Peer() {
              @Override
              public void send(String frame) {
                received.add(decoder.decode(frame));
              }

              @Override
              public void close(int code, String reason) {}
            });
    send(new Hello(ProtocolVersion.CURRENT, name, "1.0.0", "20.10.24", SwarmRole.STANDALONE));
  }

  public static ConnectedAgent enrol(FleetHub hub, String name) {
    return new ConnectedAgent(hub, name);
  }

  public ConnectedAgent send(Message message) {
    hub.frame(session, codec.encode(message));
    return this;
  }

  /** What the server sent it, decoded: the welcome first. */
  public List<Message> received() {
    return received;
  }

  /** The connection ends: the environment goes offline. */
  public void disconnect() {
    hub.closed(session);
  }
}
