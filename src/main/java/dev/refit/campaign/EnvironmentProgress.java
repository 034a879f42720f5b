package dev.refit.campaign;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One environment's part in a campaign.
 *
 * @param environment its name
 * @param state where it stands
 * @param commandId the id of the command sent to it, or {@code null} before its turn; the agent
 *     applies a command id once, so sending it again after a reconnect or a server restart is safe
 * @param turnStartedAt when its wave started (the deadline counts from here), or {@code null}
 * @param message what its agent reported (the failure message), or {@code null}
 * @param logTail the last log lines of what failed, or {@code null}
 */
public record EnvironmentProgress(
    String environment,
    EnvironmentState state,
    @Nullable String commandId,
    @Nullable Instant turnStartedAt,
    @Nullable String message,
    @Nullable String logTail) {

  static EnvironmentProgress pending(String environment) {
    return new EnvironmentProgress(environment, EnvironmentState.PENDING, null, null, null, null);
  }

  EnvironmentProgress with(EnvironmentState newState) {
    return new EnvironmentProgress(environment, newState, commandId, turnStartedAt, message, logTail);
  }

  EnvironmentProgress turn(String id, Instant at, EnvironmentState newState) {
    return new EnvironmentProgress(environment, newState, id, at, message, logTail);
  }

  EnvironmentProgress finished(EnvironmentState newState, @Nullable String why, @Nullable String tail) {
    return new EnvironmentProgress(environment, newState, commandId, turnStartedAt, why, tail);
  }
}
