package dev.refit.rollout;

import dev.refit.target.Target;
import java.time.Instant;
import java.util.List;

/**
 * How one target's update ended.
 *
 * @param target the target updated
 * @param outcome applied, rolled back, failed before any change, broken, or handed over
 * @param fromImage the image reference before, as the user wrote it
 * @param toImage the image reference attempted
 * @param fromDigest the registry digest before, or {@code null}
 * @param toDigest the registry digest attempted, or {@code null}
 * @param message one line: why it failed or was rolled back, or what else happened; or {@code null}
 * @param logTail the last log lines of the new container when it failed its readiness gate
 * @param startedAt when the update began
 * @param finishedAt when it ended
 */
public record RolloutResult(
    Target target,
    RolloutOutcome outcome,
    String fromImage,
    String toImage,
    String fromDigest,
    String toDigest,
    String message,
    List<String> logTail,
    Instant startedAt,
    Instant finishedAt) {

  public RolloutResult {
    logTail = List.copyOf(logTail);
  }

  /** The same result with another message. */
  public RolloutResult withMessage(String newMessage) {
    return new RolloutResult(
        target, outcome, fromImage, toImage, fromDigest, toDigest, newMessage, logTail, startedAt, finishedAt);
  }

  public boolean failed() {
    return outcome.failed();
  }
}
