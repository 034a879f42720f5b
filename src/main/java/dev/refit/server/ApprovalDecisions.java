package dev.refit.server;

import dev.refit.pipeline.CycleRequest;
import dev.refit.store.Approval;
import dev.refit.store.Approvals;
import dev.refit.store.StoreException;
import java.util.Set;

/**
 * A person's approve or reject, from the API or the web UI: recorded, and an approval checks its
 * target at once (the watcher is told, so it does not start a second cycle for it).
 */
final class ApprovalDecisions {
  private final Approvals approvals;
  private final ApprovalWatcher watcher;
  private final CycleRunner cycles;

  ApprovalDecisions(Approvals approvals, ApprovalWatcher watcher, CycleRunner cycles) {
    this.approvals = approvals;
    this.watcher = watcher;
    this.cycles = cycles;
  }

  /**
   * @throws ApiError 404 when there is no such approval, 409 when it was already decided
   */
  Approval decide(long id, boolean approve, String by) {
    if (approvals.find(id).isEmpty()) {
      throw new ApiError(404, "approval " + id + " does not exist");
    }
    Approval decided;
    try {
      decided = approvals.decide(id, approve, by);
    } catch (StoreException e) {
      throw new ApiError(409, e.getMessage());
    }
    if (approve) {
      watcher.handled(id);
      cycles.submit(CycleRequest.targets(Set.of(decided.update().targetName()), "approval"));
    }
    return decided;
  }
}
