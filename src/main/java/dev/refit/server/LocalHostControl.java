package dev.refit.server;

import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.TargetReport;
import dev.refit.server.ui.HostControl;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateHistory;
import java.util.List;
import java.util.Set;

/**
 * The web UI's view of this daemon's own engine: the same runner, states and stores the REST API
 * handlers use, so a click and an API call do the same thing.
 */
final class LocalHostControl implements HostControl {
  private final CycleRunner cycles;
  private final TargetStates states;
  private final UpdateHistory history;
  private final ApprovalDecisions decisions;
  private final String effectiveConfig;

  LocalHostControl(
      CycleRunner cycles,
      TargetStates states,
      UpdateHistory history,
      ApprovalDecisions decisions,
      String effectiveConfig) {
    this.cycles = cycles;
    this.states = states;
    this.history = history;
    this.decisions = decisions;
    this.effectiveConfig = effectiveConfig;
  }

  @Override
  public List<TargetReport> targets() {
    return states.all();
  }

  @Override
  public CycleReport lastCycle() {
    return states.lastCycle();
  }

  @Override
  public boolean busy() {
    return cycles.busy();
  }

  @Override
  public void checkNow() {
    cycles.submit(CycleRequest.everything("ui"));
  }

  @Override
  public void apply(String target) {
    cycles.submit(CycleRequest.apply(Set.of(target), "ui"));
  }

  @Override
  public void decide(long approval, boolean approve, String by) {
    try {
      decisions.decide(approval, approve, by);
    } catch (ApiError e) {
      if (e.status() == 404) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public List<HistoryEntry> history(HistoryFilter filter, int offset, int limit) {
    return history.page(filter, offset, limit);
  }

  @Override
  public int historyCount(HistoryFilter filter) {
    return history.count(filter);
  }

  @Override
  public String effectiveConfig() {
    return effectiveConfig;
  }

  @Override
  public void onCycle(Runnable listener) {
    cycles.onReport(report -> listener.run());
  }
}
