package dev.refit.fleet.server;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An enrolled agent as the server stores it.
 *
 * @param secretHash base64url SHA-256 of the agent's secret; the secret itself is never stored
 * @param revokedAt when it was revoked, or null while it may connect
 */
public record AgentRecord(
    String agentId,
    String name,
    String secretHash,
    Instant enrolledAt,
    @Nullable Instant revokedAt) {

  public boolean isRevoked() {
    return revokedAt != null;
  }

  AgentRecord revoke(Instant at) {
    return new AgentRecord(agentId, name, secretHash, enrolledAt, at);
  }
}
