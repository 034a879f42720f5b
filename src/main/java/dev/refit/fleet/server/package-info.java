/**
 * The server's side of fleet enrolment, as pure parts: short-lived single-use join tokens
 * ({@link dev.refit.fleet.server.JoinTokens}) traded for a per-agent credential
 * ({@link dev.refit.fleet.server.AgentCredentials}). Only SHA-256 hashes of either secret are
 * stored, so a copy of the server's database lets no one connect as an agent.
 */
@NullMarked
package dev.refit.fleet.server;

import org.jspecify.annotations.NullMarked;
