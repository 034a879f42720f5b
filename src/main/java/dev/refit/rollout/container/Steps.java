package dev.refit.rollout.container;

import java.util.Set;

/**
 * The journaled steps of a container update, in order. Each is written before it is taken; the
 * names are also what {@code REFIT_TEST_PAUSE_AT} matches.
 */
final class Steps {
  static final String RENAME_OLD = "rename-old";
  static final String CREATE_NEW = "create-new";
  static final String STOP_OLD = "stop-old";
  static final String START_NEW = "start-new";
  static final String HEALTH = "health";
  static final String COMMIT = "commit";
  static final String POST_UPDATE = "post-update";
  static final String RESTART_DEPENDANTS = "restart-dependants";
  static final String ROLLBACK = "rollback";

  /** Once one of these was announced, every new container passed its gate: finish, never undo. */
  static final Set<String> COMMITTED = Set.of(COMMIT, POST_UPDATE, RESTART_DEPENDANTS);

  private Steps() {}
}
