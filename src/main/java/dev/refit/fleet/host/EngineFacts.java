package dev.refit.fleet.host;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmInfo;
import dev.refit.build.BuildInfo;
import dev.refit.docker.DockerEngine;
import dev.refit.fleet.protocol.SwarmRole;

/**
 * What an environment tells the server about itself: its Refit build, its engine and whether it is
 * a Swarm manager (only managers take service commands).
 */
public record EngineFacts(String refitVersion, String engineVersion, SwarmRole swarmRole) {

  /** Asks the engine once; read again on every connection, so an engine upgrade shows. */
  public static EngineFacts of(DockerEngine engine) {
    String version = engine.client().versionCmd().exec().getVersion();
    Info info = engine.client().infoCmd().exec();
    return new EngineFacts(
        BuildInfo.current().version(),
        version == null || version.isBlank() ? "unknown" : version,
        role(info.getSwarm()));
  }

  static SwarmRole role(SwarmInfo swarm) {
    if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE) {
      return SwarmRole.STANDALONE;
    }
    return Boolean.TRUE.equals(swarm.getControlAvailable()) ? SwarmRole.MANAGER : SwarmRole.WORKER;
  }
}
