package dev.refit.fleet.protocol;

import java.time.Instant;

/**
 * Sent on a fixed interval so the server can tell a silent agent from a quiet one (a half-open TCP
 * connection looks alive to the socket for a long time).
 *
 * @param sentAt the agent's clock, so the server can flag a skewed clock
 */
public record Heartbeat(Instant sentAt) implements Message {
  public Heartbeat {
    Fields.required(sentAt, "sentAt");
  }

  @Override
  public MessageType type() {
    return MessageType.HEARTBEAT;
  }
}
