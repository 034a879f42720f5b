package dev.refit.pipeline;

import dev.refit.store.UpdateOutcome;

/**
 * How one update ended.
 *
 * @param message a one-line explanation for failures and rollbacks, else {@code null}
 * @param recorded whether the rollout already wrote the history entry itself
 */
public record RolloutOutcome(UpdateOutcome outcome, String message, boolean recorded) {
  public static RolloutOutcome failed(String message) {
    return new RolloutOutcome(UpdateOutcome.FAILED, message, false);
  }
}
