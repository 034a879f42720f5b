package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.SwarmRole;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an agent last said about itself, kept across server restarts.
 *
 * @param inventory its last inventory, or null before the first
 */
public record StoredEnvironment(
    String refitVersion,
    String engineVersion,
    SwarmRole swarmRole,
    Instant lastSeen,
    @Nullable Inventory inventory) {}
