/**
 * The agent's self-upgrade ({@link dev.refit.fleet.agent.AgentUpgrader}) on Refit's own rollout
 * machinery: the agent's container is handed to the self-update helper (recreate, health gate,
 * rollback), its Swarm service gets a service update (Swarm's own rollback). The command id is
 * stored before anything changes, so the agent process that comes up afterwards — the new image,
 * or the old one put back — reports the outcome under that id.
 */
@NullMarked
package dev.refit.fleet.upgrade;

import org.jspecify.annotations.NullMarked;
