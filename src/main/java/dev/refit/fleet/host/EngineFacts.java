package dev.refit.fleet.host;

import dev.refit.build.BuildInfo;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.swarm.EngineSwarmApi;
import dev.refit.docker.swarm.SwarmMembership;
import dev.refit.fleet.protocol.SwarmRole;

/**
 * What an environment tells the server about itself: its Refit build, its engine and whether it is
 * a Swarm manager (only managers take service commands).
 */
public record EngineFacts(String refitVersion, String engineVersion, SwarmRole swarmRole) {

  /**
   * Asks the engine once; read again on every connection, so an engine upgrade shows. Not {@code
   * /info}, which a socket proxy denies by default, unless the swarm refuses in words of its own.
   */
  public static EngineFacts of(DockerEngine engine) {
    String version = engine.api().get("/version").path("Version").asText("");
    return new EngineFacts(
        BuildInfo.current().version(),
        version.isBlank() ? "unknown" : version,
        role(new EngineSwarmApi(engine.api(), engine.host()).membership()));
  }

  static SwarmRole role(SwarmMembership membership) {
    return switch (membership) {
      case NONE -> SwarmRole.STANDALONE;
      case WORKER -> SwarmRole.WORKER;
      case MANAGER -> SwarmRole.MANAGER;
    };
  }
}
