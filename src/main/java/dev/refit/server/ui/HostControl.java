package dev.refit.server.ui;

import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server's own engine (the environment {@code local}) as the UI sees it: exactly what the REST
 * API offers ({@code /api/targets}, {@code /api/check}, {@code /api/apply}, {@code /api/approvals},
 * {@code /api/history}), as calls.
 */
public interface HostControl {
  /**
   * This engine's Docker version as read when the daemon connected to it (the Overview shows it
   * on every refresh: no call to the engine for it), or {@code null} when unknown.
   */
  @Nullable String engineVersion();

  /** What the last cycles found, one report per target, by name. */
  List<TargetReport> targets();

  @Nullable CycleReport lastCycle();

  /** Whether a cycle runs now. */
  boolean busy();

  /** Queues a check of every target; returns at once. */
  void checkNow();

  /** Queues applying what is available for the target (a person asked: gates give way); returns at once. */
  void apply(String target);

  /**
   * Applies exactly that tag to the target and waits for the outcome, as {@code POST
   * /api/targets/{name}/apply} with a {@code version} does.
   *
   * @return one line saying what happened
   * @throws IllegalArgumentException one line saying why it was refused (an unknown tag, a
   *     downgrade without leave, no such target)
   */
  String applyVersion(String target, String version, boolean allowDowngrade);

  /**
   * Puts the target back on the image it ran before its newest applied update and waits for the
   * outcome, as {@code POST /api/targets/{name}/rollback} does.
   *
   * @return one line saying what happened
   * @throws IllegalArgumentException one line saying why it cannot be rolled back
   */
  String rollback(String target);

  /**
   * Approves or rejects a pending update; an approval checks its target at once.
   *
   * @throws IllegalArgumentException when there is no such approval
   * @throws IllegalStateException when it was already decided
   */
  void decide(long approval, boolean approve, String by);

  /** History entries the filter matches, newest first. */
  List<HistoryEntry> history(HistoryFilter filter, int offset, int limit);

  int historyCount(HistoryFilter filter);

  /** The effective configuration as {@code refit config} prints it: every secret masked. */
  String effectiveConfig();

  /** Told after every cycle, on the cycle's thread; must return quickly. */
  void onCycle(Runnable listener);
}
