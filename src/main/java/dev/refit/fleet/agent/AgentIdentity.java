package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.Secret;

/**
 * The credential an agent got at enrolment: its id and its secret. {@code toString} hides the
 * secret (as {@link Secret} does).
 */
public record AgentIdentity(String agentId, Secret secret) {}
