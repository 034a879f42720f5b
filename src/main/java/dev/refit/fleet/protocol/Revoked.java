package dev.refit.fleet.protocol;

/**
 * The server has revoked this agent's credential; the connection closes after this frame. The agent
 * stops reconnecting (retrying a revoked secret would only fill the server's log) until it is
 * enrolled again.
 */
public record Revoked(String reason) implements Message {
  public Revoked {
    Fields.text(reason, "reason");
  }

  @Override
  public MessageType type() {
    return MessageType.REVOKED;
  }
}
