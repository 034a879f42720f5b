package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Command;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * A command to each of several environments at once (a campaign's wave): the same as one {@link
   * #send} each, but the queue is written once, not once per environment.
   *
   * @return the environments that could not be sent to, with why (an unknown one: {@link
   *     UnknownEnvironmentException})
   */
  default Map<String, RuntimeException> sendAll(Map<String, Command> byEnvironment) {
    Map<String, RuntimeException> failed = new LinkedHashMap<>();
    byEnvironment.forEach(
        (environment, command) -> {
          try {
            send(environment, command);
          } catch (RuntimeException e) {
            failed.put(environment, e);
          }
        });
    return failed;
  }

  void addListener(FleetListener listener);
}
