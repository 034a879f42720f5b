package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.RegistryAuth;
import java.util.List;
import java.util.Optional;

/**
 * What Refit asks of a Swarm manager. {@link EngineSwarmApi} is the real one; tests wrap it to
 * make the engine misbehave at a chosen moment (a concurrent update, say).
 */
public interface SwarmApi {
  /** The engine address, for messages. */
  String host();

  /** Whether the engine is an active Swarm manager, the only place services can be managed. */
  boolean isManager();

  /** The engine's API version, e.g. {@code 1.41}. */
  String apiVersion();

  /** Every service, as of now. */
  List<ServiceSnapshot> services();

  /** One service by id or name. */
  ServiceSnapshot service(String idOrName);

  /**
   * Replaces the service's spec ({@code POST /services/{id}/update?version=...}).
   *
   * @param auth credentials for the image's registry, stored with the service so nodes can pull
   * @throws ServiceVersionConflictException when the service changed since {@code version}
   */
  void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth);

  /**
   * Asks Swarm to roll the service back to its {@code PreviousSpec}, by its rollback config.
   *
   * @param spec the current spec; the engine wants one, and ignores it for a rollback
   * @throws ServiceVersionConflictException when the service changed since {@code version}
   */
  void rollbackService(String id, long version, ObjectNode spec);

  /** Creates a service; returns its id. */
  String createService(ObjectNode spec, Optional<RegistryAuth> auth);

  /** Removes a service and so its tasks; a service already gone is fine. */
  void removeService(String id);

  /** The tasks of a service, current and past ones Swarm still keeps. */
  List<SwarmTask> tasks(String serviceId);

  /** Every node of the swarm. */
  List<SwarmNode> nodes();

  /** The last {@code tail} lines of a task's output (stdout and stderr, interleaved). */
  String taskLogs(String taskId, int tail);
}
