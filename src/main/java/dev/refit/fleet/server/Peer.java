package dev.refit.fleet.server;

/** The connection a session writes to: the server's WebSocket session (FleetEndpoint), a recorder in tests. */
public interface Peer {
  /** Sends one text frame; must not block for long (the transport queues it). */
  void send(String frame);

  /** Closes the connection; the transport then calls the session's {@code closed()}. */
  void close(int code, String reason);
}
