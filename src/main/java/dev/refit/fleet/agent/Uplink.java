package dev.refit.fleet.agent;

/** The connection to the server as the agent's protocol side sees it: frames out, and ending it. */
public interface Uplink {
  void send(String frame);

  /** Ends this connection (the loop reconnects unless the agent was revoked). */
  void close(String reason);
}
