/**
 * The agent's side of the fleet, as pure parts the connection loop will be built from: which
 * commands it has already taken ({@link dev.refit.fleet.agent.CommandLedger}) and how long to wait
 * before dialling the server again ({@link dev.refit.fleet.agent.Backoff}). No sockets here.
 */
@NullMarked
package dev.refit.fleet.agent;

import org.jspecify.annotations.NullMarked;
