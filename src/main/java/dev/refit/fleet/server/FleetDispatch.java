package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Command;

/**
 * Sends commands to environments and tells listeners what comes back. {@code "local"} is the
 * server's own engine. Campaigns, the API and the UI all send through this one door, so a command
 * reaches an environment the same way whoever asked.
 */
public interface FleetDispatch {
  /**
   * Queues the command for that environment; delivered now if online, else when it reconnects.
   * Idempotent by command id: sending the same id again never makes the agent run it twice.
   *
   * @throws UnknownEnvironmentException when no environment has that name
   */
  void send(String environment, Command command);

  void addListener(FleetListener listener);
}
