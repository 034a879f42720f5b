package dev.refit.fleet.protocol;

/**
 * "I have this command": sent on receipt, and again when a command is replayed after a reconnect,
 * so the server stops re-sending it. It says nothing about success; {@link CommandReport} does.
 */
public record CommandAck(String commandId) implements Message {
  public CommandAck {
    Fields.text(commandId, "commandId");
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND_ACK;
  }
}
