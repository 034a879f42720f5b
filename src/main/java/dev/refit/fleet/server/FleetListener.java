package dev.refit.fleet.server;

import dev.refit.fleet.protocol.CommandReport;

/**
 * Hears what environments answer. Called on the session's thread: a listener does little and
 * returns (a campaign runner hands the event to its own executor).
 */
public interface FleetListener {
  default void onReport(String environment, CommandReport report) {}

  default void onOnline(String environment) {}

  default void onOffline(String environment) {}

  /** The environment sent a new inventory (after each of its cycles). */
  default void onInventory(String environment) {}
}
