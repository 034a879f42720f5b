package dev.refit.fleet.upgrade;

import dev.refit.store.HistoryEntry;
import java.util.List;
import java.util.Optional;

/** Where this agent runs, as the self-upgrade needs it: found, replaced, and looked at afterwards. */
public interface OwnDeployment {
  /**
   * @param targetName the container's or Swarm service's name
   * @param image the image reference it runs now
   */
  record Self(String targetName, String image) {}

  /** How a replacement went, as far as this process sees it. */
  record Replacement(Kind kind, String message, List<String> logTail) {
    public enum Kind {
      /** Handed to a helper or to Swarm: this process ends; the next one reports. */
      HANDED_OVER,
      /** Done while this process lived (rare: the new one is up already). */
      APPLIED,
      /** Nothing changed, or it was put back: this process reports the failure. */
      FAILED
    }
  }

  /** This agent's own container or service; empty on a plain host. */
  Optional<Self> self();

  /** Replaces it with {@code image} through Refit's rollout (journaled, gated, rolled back). */
  Replacement replace(Self self, String image);

  /**
   * How the hand-over of {@code targetName} ended without replacing it, asked by the process that
   * handed it over while it waits to be stopped: a self-update helper that exited (or is gone)
   * will not stop it any more. Empty while the helper works, and for a Swarm service (no helper:
   * Swarm itself replaces the task).
   */
  default Optional<Replacement> handOverEnded(String targetName) {
    return Optional.empty();
  }

  /** The history's newest entries, for the verdict of the rollout that replaced the agent. */
  List<HistoryEntry> history();
}
