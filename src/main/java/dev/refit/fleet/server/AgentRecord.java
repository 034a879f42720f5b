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
 * @param confirmedAt when it first connected with its own credential, which proves it received
 *     it; null until then (and for agents enrolled before Refit kept this)
 */
public record AgentRecord(
    String agentId,
    String name,
    String secretHash,
    Set<String> labels,
    Instant enrolledAt,
    @Nullable Instant revokedAt,
    @Nullable Instant confirmedAt) {

  public AgentRecord {
    labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
  }

  /** An agent that has not connected with its credential yet. */
  public AgentRecord(
      String agentId,
      String name,
      String secretHash,
      Set<String> labels,
      Instant enrolledAt,
      @Nullable Instant revokedAt) {
    this(agentId, name, secretHash, labels, enrolledAt, revokedAt, null);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public boolean isConfirmed() {
    return confirmedAt != null;
  }

  AgentRecord revoke(Instant at) {
    return new AgentRecord(agentId, name, secretHash, labels, enrolledAt, at, confirmedAt);
  }

  AgentRecord withName(String newName) {
    return new AgentRecord(agentId, newName, secretHash, labels, enrolledAt, revokedAt, confirmedAt);
  }

  AgentRecord withLabels(Set<String> newLabels) {
    return new AgentRecord(agentId, name, secretHash, newLabels, enrolledAt, revokedAt, confirmedAt);
  }

  AgentRecord withSecretHash(String newHash) {
    return new AgentRecord(agentId, name, newHash, labels, enrolledAt, revokedAt, confirmedAt);
  }

  AgentRecord confirm(Instant at) {
    return new AgentRecord(agentId, name, secretHash, labels, enrolledAt, revokedAt, at);
  }
}
