package dev.refit.plan;

import dev.refit.check.CheckResult;
import java.util.Optional;

/**
 * Refit's own container can only be updated by a helper that judges the new Refit while it runs;
 * a one-shot run ({@code refit update} without {@code --interval}) ends at once, and the helper
 * would take that for a crash. So it is held unless Refit runs as a long-lived service.
 */
public final class OwnContainer implements PlanRule {
  private final Optional<String> selfId;
  private final boolean longRunning;

  /**
   * @param selfId the id of the container this Refit runs in, if any
   * @param longRunning whether Refit runs until stopped ({@code --interval})
   */
  public OwnContainer(Optional<String> selfId, boolean longRunning) {
    this.selfId = selfId;
    this.longRunning = longRunning;
  }

  @Override
  public Optional<String> hold(CheckResult update) {
    if (longRunning || selfId.isEmpty() || !selfId.get().equals(update.target().id())) {
      return Optional.empty();
    }
    return Optional.of(
        "Refit's own container: it updates itself only when running with --interval");
  }
}
