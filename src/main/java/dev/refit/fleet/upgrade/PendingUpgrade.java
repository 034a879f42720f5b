package dev.refit.fleet.upgrade;

import java.time.Instant;

/**
 * An upgrade this agent started and has not reported yet: what survives the agent's replacement.
 *
 * @param targetName the agent's own container or service, as the history names it
 * @param fromImage what it ran before, to tell "rolled back" from "upgraded" afterwards
 */
public record PendingUpgrade(
    String commandId, String image, String targetName, String fromImage, Instant startedAt) {}
