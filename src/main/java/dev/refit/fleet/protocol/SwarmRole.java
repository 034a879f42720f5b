package dev.refit.fleet.protocol;

/** What the agent's engine is in a Swarm: the server only sends service commands to managers. */
public enum SwarmRole {
  STANDALONE,
  MANAGER,
  WORKER
}
