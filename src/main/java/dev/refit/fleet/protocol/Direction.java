package dev.refit.fleet.protocol;

/** Who may send a message type; a frame arriving the wrong way round is a protocol error. */
public enum Direction {
  AGENT_TO_SERVER,
  SERVER_TO_AGENT
}
