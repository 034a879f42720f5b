package dev.refit.fleet.host;

import com.fasterxml.jackson.databind.JsonNode;
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
    String version = engine.api().get("/version").path("Version").asText("");
    JsonNode info = engine.api().get("/info");
    return new EngineFacts(
        BuildInfo.current().version(),
        version.isBlank() ? "unknown" : version,
        role(info.path("Swarm")));
  }

  /** From {@code /info}'s {@code Swarm}: {@code LocalNodeState} and {@code ControlAvailable}. */
  static SwarmRole role(JsonNode swarm) {
    if (!"active".equals(swarm.path("LocalNodeState").asText())) {
      return SwarmRole.STANDALONE;
    }
    return swarm.path("ControlAvailable").asBoolean(false) ? SwarmRole.MANAGER : SwarmRole.WORKER;
  }
}
