package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The final outcome of a command. A campaign counts it once per command id, so the agent may send
 * the same report again after a reconnect without harm.
 *
 * @param succeeded whether the command's work is done (a failed update was rolled back)
 * @param message one line for people
 * @param logTail the last lines of the run's log, capped by the agent, for the server's history
 */
public record CommandReport(
    String commandId,
    // a primitive has no null for a missing field: required makes Jackson refuse the frame instead
    @JsonProperty(required = true) boolean succeeded,
    String message,
    String logTail)
    implements Message {
  public CommandReport {
    Fields.text(commandId, "commandId");
    Fields.required(message, "message");
    Fields.required(logTail, "logTail");
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND_REPORT;
  }
}
