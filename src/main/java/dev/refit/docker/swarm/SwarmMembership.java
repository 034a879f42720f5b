package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where an engine stands in a swarm. */
public enum SwarmMembership {
  /** Not in a swarm, or not (yet) an active member: pending, locked out. */
  NONE,
  WORKER,
  MANAGER;

  /** From {@code GET /info}'s {@code Swarm} object (SwarmInfo): its state and whether it controls. */
  static SwarmMembership fromInfo(JsonNode swarm) {
    if (!"active".equals(swarm.path("LocalNodeState").asText())) {
      return NONE;
    }
    return swarm.path("ControlAvailable").asBoolean(false) ? MANAGER : WORKER;
  }

  /**
   * From a refusal of {@code GET /swarm}, in the engine's own words (moby daemon/cluster: {@code
   * errNoSwarm}, and {@code errNoManager}, which tells an engine outside any swarm, a worker and a
   * manager still being prepared apart); empty for any other refusal (a locked swarm, a manager
   * without a leader or still being prepared), which {@code /info} settles.
   */
  static Optional<SwarmMembership> fromRefusal(int status, @Nullable String message) {
    if (status != 503 || message == null) {
      return Optional.empty();
    }
    if (message.startsWith("This node is not part of a swarm")) {
      return Optional.of(NONE);
    }
    if (message.startsWith("This node is not a swarm manager.")) {
      // engine 20.10 outside a swarm: '... Use "docker swarm init" or "docker swarm join" ...'
      if (message.contains("docker swarm init")) {
        return Optional.of(NONE);
      }
      if (message.contains("Worker nodes")) {
        return Optional.of(WORKER);
      }
    }
    return Optional.empty();
  }
}
