package dev.refit.fleet.server;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An enrolled agent as the server stores it.
 *
 * @param name its environment's name, unique among agents not revoked
 * @param secretHash base64url SHA-256 of the agent's secret; the secret itself is never stored
 * @param labels what people group environments by (campaign selection, UI filters)
 * @param revokedAt when it was revoked, or null while it may connect
 */
public record AgentRecord(
    String agentId,
    String name,
    String secretHash,
    Set<String> labels,
    Instant enrolledAt,
    @Nullable Instant revokedAt) {

  public AgentRecord {
    labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  AgentRecord revoke(Instant at) {
    return new AgentRecord(agentId, name, secretHash, labels, enrolledAt, at);
  }

  AgentRecord withName(String newName) {
    return new AgentRecord(agentId, newName, secretHash, labels, enrolledAt, revokedAt);
  }

  AgentRecord withLabels(Set<String> newLabels) {
    return new AgentRecord(agentId, name, secretHash, newLabels, enrolledAt, revokedAt);
  }
}
