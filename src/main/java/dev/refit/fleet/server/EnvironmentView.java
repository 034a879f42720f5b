package dev.refit.fleet.server;

import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.SwarmRole;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One environment as the server last heard of it: an enrolled agent, or the server's own engine
 * ({@code "local"}).
 *
 * @param lastSeen the last frame from it (heartbeat or other), or null when never connected
 * @param refitVersion the Refit build it runs, null until it first said hello
 * @param engineVersion its Docker Engine version, null until it first said hello
 * @param targets its targets as its last inventory listed them (empty before the first)
 */
public record EnvironmentView(
    String name,
    Set<String> labels,
    boolean online,
    @Nullable Instant lastSeen,
    @Nullable String refitVersion,
    @Nullable String engineVersion,
    SwarmRole swarmRole,
    List<InventoryTarget> targets) {
  public EnvironmentView {
    // sorted: the API and CLI print labels in a stable order
    labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    targets = List.copyOf(targets);
  }
}
