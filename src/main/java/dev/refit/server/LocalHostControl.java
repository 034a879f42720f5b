package dev.refit.server;

import dev.refit.check.WantedImage;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.Rollbacks;
import dev.refit.pipeline.TargetReport;
import dev.refit.server.ui.HostControl;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateHistory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The web UI's view of this daemon's own engine: the same runner, states and stores the REST API
 * handlers use, so a click and an API call do the same thing.
 */
final class LocalHostControl implements HostControl {
  private final CycleRunner cycles;
  private final TargetStates states;
  private final UpdateHistory history;
  private final ApprovalDecisions decisions;
  private final Supplier<String> renderConfig;
  private @Nullable String effectiveConfig;
  private final String engineVersion;
  private final TargetOrders orders;
  private final Rollbacks rollbacks;

  LocalHostControl(
      CycleRunner cycles,
      TargetStates states,
      UpdateHistory history,
      ApprovalDecisions decisions,
      Supplier<String> renderConfig,
      String engineVersion) {
    this.cycles = cycles;
    this.states = states;
    this.history = history;
    this.decisions = decisions;
    this.renderConfig = renderConfig;
    this.engineVersion = engineVersion;
    this.orders = new TargetOrders(cycles);
    this.rollbacks = new Rollbacks(history);
  }

  @Override
  public String engineVersion() {
    return engineVersion;
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
  public String applyVersion(String target, String version, boolean allowDowngrade) {
    WantedImage.Tag tag;
    try {
      tag = new WantedImage.Tag(version, allowDowngrade);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("version: " + e.getMessage(), e);
    }
    return order(CycleRequest.exact(Set.of(target), tag, "ui"), target);
  }

  @Override
  public String rollback(String target) {
    return order(rollbacks.request(target, null, false, "ui:rollback"), target);
  }

  /** The API's answer for one exact order, as one line; its refusals as exceptions. */
  private String order(CycleRequest request, String target) {
    Map<String, Object> answer;
    try {
      answer = orders.run(request, Set.of(target), true).get(0);
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Object message = answer.get("message");
    return target + ": " + answer.get("outcome") + (message == null ? "" : " (" + message + ")");
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
  public synchronized String effectiveConfig() {
    // rendered when the Settings page first asks: YAML output loads SnakeYAML's emitter (~60
    // classes) into a daemon that may never show it
    if (effectiveConfig == null) {
      effectiveConfig = renderConfig.get();
    }
    return effectiveConfig;
  }

  @Override
  public void onCycle(Runnable listener) {
    cycles.onReport(report -> listener.run());
  }
}
