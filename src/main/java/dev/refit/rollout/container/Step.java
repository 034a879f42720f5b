package dev.refit.rollout.container;

import java.util.Optional;

/**
 * The journaled steps of a container update, in order. Each is written before it is taken; the
 * stored names (in the journal, and what {@code REFIT_TEST_PAUSE_AT} matches) never change, since a
 * later Refit recovers what an earlier one journaled.
 */
enum Step {
  RENAME_OLD("rename-old"),
  CREATE_NEW("create-new"),
  STOP_OLD("stop-old"),
  /** {@code refit.backup=volumes}: the old container's volumes copied into snapshot volumes. */
  SNAPSHOT("snapshot"),
  /** A rollback with data: a kept snapshot copied into the volumes. */
  RESTORE_SNAPSHOT("restore-snapshot"),
  START_NEW("start-new"),
  HEALTH("health"),
  /** The Compose files are edited to name the new image (undone with the containers). */
  EDIT_FILES("edit-files"),
  COMMIT("commit"),
  POST_UPDATE("post-update"),
  RESTART_DEPENDANTS("restart-dependants"),
  ROLLBACK("rollback");

  private final String stored;

  Step(String stored) {
    this.stored = stored;
  }

  /** The name in the journal. */
  String stored() {
    return stored;
  }

  /** Once one of these was announced, every new container passed its gate: finish, never undo. */
  boolean committed() {
    return this == COMMIT || this == POST_UPDATE || this == RESTART_DEPENDANTS;
  }

  /** The step a journal entry names, or empty for a name this Refit does not know. */
  static Optional<Step> of(String stored) {
    for (Step s : values()) {
      if (s.stored.equals(stored)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return stored;
  }
}
