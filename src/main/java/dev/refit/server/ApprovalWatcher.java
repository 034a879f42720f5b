package dev.refit.server;

import dev.refit.pipeline.CycleRequest;
import dev.refit.store.Approval;
import dev.refit.store.ApprovalStatus;
import dev.refit.store.Approvals;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices approvals given outside the daemon ({@code refit approve <id>} writes the database) and
 * runs a cycle for their targets. Approvals through the API start their cycle directly.
 */
final class ApprovalWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalWatcher.class);

  private final Approvals approvals;
  private final Consumer<CycleRequest> submit;
  private final Set<Long> started = new HashSet<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "refit-approvals");
            t.setDaemon(true);
            return t;
          });

  ApprovalWatcher(Approvals approvals, Consumer<CycleRequest> submit) {
    this.approvals = approvals;
    this.submit = submit;
  }

  void start(long periodMillis) {
    timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Marks an approval as handled, so the watcher does not start a second cycle for it. */
  synchronized void handled(long id) {
    started.add(id);
  }

  private synchronized void poll() {
    try {
      for (Approval a : approvals.withStatus(ApprovalStatus.APPROVED)) {
        if (started.add(a.id())) {
          LOG.info("approval {} given for {}; checking it", a.id(), a.update().targetName());
          submit.accept(CycleRequest.targets(Set.of(a.update().targetName()), "approval"));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read approvals: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
