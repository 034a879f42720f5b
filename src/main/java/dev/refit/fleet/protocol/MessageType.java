package dev.refit.fleet.protocol;

import java.util.Optional;

/**
 * Every message kind with its wire name and direction: the one place the {@code type} string of a
 * frame is mapped to a record, so adding a kind is one line here plus its record.
 */
public enum MessageType {
  HELLO("hello", Hello.class, Direction.AGENT_TO_SERVER),
  HEARTBEAT("heartbeat", Heartbeat.class, Direction.AGENT_TO_SERVER),
  INVENTORY("inventory", Inventory.class, Direction.AGENT_TO_SERVER),
  COMMAND_ACK("command-ack", CommandAck.class, Direction.AGENT_TO_SERVER),
  COMMAND_REPORT("command-report", CommandReport.class, Direction.AGENT_TO_SERVER),
  HISTORY("history", HistoryBatch.class, Direction.AGENT_TO_SERVER),
  WELCOME("welcome", Welcome.class, Direction.SERVER_TO_AGENT),
  COMMAND("command", Command.class, Direction.SERVER_TO_AGENT),
  REVOKED("revoked", Revoked.class, Direction.SERVER_TO_AGENT);

  private final String wireName;
  private final Class<? extends Message> recordClass;
  private final Direction direction;

  MessageType(String wireName, Class<? extends Message> recordClass, Direction direction) {
    this.wireName = wireName;
    this.recordClass = recordClass;
    this.direction = direction;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends Message> recordClass() {
    return recordClass;
  }

  public Direction direction() {
    return direction;
  }

  public static Optional<MessageType> ofWireName(String name) {
    for (MessageType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
