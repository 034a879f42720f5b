package dev.refit.rollout;

import java.util.Optional;

/**
 * What a journal entry is the update of, so each applier recovers its own. The stored names are in
 * every journal written so far and never change.
 */
public enum JournalKind {
  /** A standalone container recreated ({@code rollout.container}). */
  CONTAINER_RECREATE("container-recreate"),
  /** A Swarm service's spec updated ({@code rollout.swarm}). */
  SERVICE_UPDATE("service-update");

  private final String stored;

  JournalKind(String stored) {
    this.stored = stored;
  }

  /** The name in the journal. */
  public String stored() {
    return stored;
  }

  /** Whether a journal entry's kind is this one. */
  public boolean is(String storedKind) {
    return stored.equals(storedKind);
  }

  /** The kind a journal entry names, or empty for one this Refit does not know. */
  public static Optional<JournalKind> of(String storedKind) {
    for (JournalKind k : values()) {
      if (k.is(storedKind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return stored;
  }
}
