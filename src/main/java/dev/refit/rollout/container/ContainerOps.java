package dev.refit.rollout.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.refit.docker.EngineApi;
import java.util.Optional;

/**
 * The container operations of a recreate, each tolerant of having been done already (a recovery
 * repeats steps a killed run may or may not have taken).
 */
final class ContainerOps {
  private static final int DEFAULT_STOP_SECONDS = 10;

  private final DockerClient docker;
  private final EngineApi api;

  ContainerOps(DockerClient docker, EngineApi api) {
    this.docker = docker;
    this.api = api;
  }

  EngineApi api() {
    return api;
  }

  DockerClient docker() {
    return docker;
  }

  Optional<ContainerInfo> find(String idOrName) {
    return api.findContainer(idOrName).map(ContainerInfo::new);
  }

  ContainerInfo inspect(String idOrName) {
    return new ContainerInfo(api.inspectContainer(idOrName));
  }

  void rename(String id, String name) {
    docker.renameContainerCmd(id).withName(name).exec();
  }

  /** Creates the container and connects its further networks; removes it again if that fails. */
  String create(CreateRequest request) {
    String id = api.createContainer(request.name(), request.body());
    try {
      request.laterNetworks().forEach((network, endpoint) -> api.connectNetwork(network, id, endpoint));
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw e;
    }
    return id;
  }

  void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // done before
    }
  }

  /** Stops with the container's own stop timeout ({@code --stop-timeout}), as {@code docker stop}. */
  void stop(String id) {
    int seconds = find(id).map(c -> c.config().path("StopTimeout").asInt(DEFAULT_STOP_SECONDS))
        .orElse(DEFAULT_STOP_SECONDS);
    try {
      docker.stopContainerCmd(id).withTimeout(seconds).exec();
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // done before
    }
  }

  void restart(String id) {
    int seconds = find(id).map(c -> c.config().path("StopTimeout").asInt(DEFAULT_STOP_SECONDS))
        .orElse(DEFAULT_STOP_SECONDS);
    docker.restartContainerCmd(id).withTimeout(seconds).exec();
  }

  /** Removes a container, never its volumes: anonymous volumes are shared with its twin. */
  void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException gone) {
      // done before
    }
  }

  void removeQuietly(String id) {
    try {
      remove(id);
    } catch (RuntimeException ignored) {
      // best effort: the caller reports the original failure
    }
  }
}
