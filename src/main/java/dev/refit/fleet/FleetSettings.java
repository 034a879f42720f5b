package dev.refit.fleet;

import java.time.Duration;

/**
 * The fleet server's settings: the {@code fleet.local}, {@code fleet.heartbeat} and {@code
 * fleet.offlineAfter} keys.
 *
 * @param local whether the server's own engine is the environment {@code local}
 * @param heartbeat how often agents send a heartbeat (the server tells each agent on connect)
 * @param offlineAfter how long without any frame before an agent counts as offline (and its
 *     connection is closed: a half-open TCP connection looks alive to the socket for long)
 */
public record FleetSettings(boolean local, Duration heartbeat, Duration offlineAfter) {
  public FleetSettings {
    if (heartbeat.toSeconds() < 1) {
      throw new IllegalArgumentException("fleet.heartbeat must be at least 1s");
    }
    if (offlineAfter.compareTo(heartbeat) <= 0) {
      throw new IllegalArgumentException("fleet.offlineAfter must be longer than fleet.heartbeat");
    }
  }

  public static FleetSettings defaults() {
    return new FleetSettings(true, Duration.ofSeconds(15), Duration.ofSeconds(45));
  }
}
