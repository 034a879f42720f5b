package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's {@code UpdateStatus}: where Swarm's own rollout of the last spec change stands.
 *
 * @param state {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
 *     {@code rollback_paused} or {@code rollback_completed}
 * @param startedAt when that rollout started, as the engine wrote it; tells one rollout from the
 *     next
 * @param completedAt when it ended, or {@code null}
 * @param message Swarm's explanation, e.g. why it paused or rolled back
 */
public record UpdateStatus(String state, String startedAt, String completedAt, String message) {
  public static final String UPDATING = "updating";
  public static final String PAUSED = "paused";
  public static final String COMPLETED = "completed";
  public static final String ROLLBACK_STARTED = "rollback_started";
  public static final String ROLLBACK_PAUSED = "rollback_paused";
  public static final String ROLLBACK_COMPLETED = "rollback_completed";

  /** Reads {@code UpdateStatus}; {@code null} when the service never had one. */
  static UpdateStatus from(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull() || !node.has("State")) {
      return null;
    }
    return new UpdateStatus(
        node.path("State").asText(""),
        node.path("StartedAt").asText(null),
        node.path("CompletedAt").asText(null),
        node.path("Message").asText(""));
  }

  public boolean isRollback() {
    return state.startsWith("rollback_");
  }

  /** Whether this is the same rollout as {@code other} (same start), e.g. one seen before an update. */
  public boolean sameRolloutAs(UpdateStatus other) {
    return other != null && startedAt != null && startedAt.equals(other.startedAt);
  }
}
