package dev.refit.server;

import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.UpdatePipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline one cycle at a time on one thread. Requests that arrive while a cycle runs
 * wait, merged into a single next cycle: a burst of webhooks and events costs one cycle, and two
 * cycles never touch the same container at once.
 */
final class CycleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CycleRunner.class);
  /** How long closing waits for the cycle in progress to end after it was interrupted. */
  private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

  private final UpdatePipeline pipeline;
  private final List<Consumer<CycleReport>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Thread worker;
  private CycleRequest pending;
  private CompletableFuture<CycleReport> pendingResult;
  private volatile boolean running = true;
  private volatile boolean busy;

  CycleRunner(UpdatePipeline pipeline) {
    this.pipeline = pipeline;
    this.worker = new Thread(this::work, "refit-cycle");
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  /** Told of every finished cycle, on the cycle thread; must not throw. */
  void onReport(Consumer<CycleReport> listener) {
    listeners.add(listener);
  }

  /**
   * Queues a request, merged with any other not yet started.
   *
   * @return completes with the report of the cycle that covers the request
   */
  CompletableFuture<CycleReport> submit(CycleRequest request) {
    synchronized (lock) {
      if (pending == null) {
        pending = request;
        pendingResult = new CompletableFuture<>();
      } else {
        pending = pending.merge(request);
      }
      lock.notifyAll();
      return pendingResult;
    }
  }

  boolean busy() {
    return busy;
  }

  private void work() {
    while (running) {
      CycleRequest request;
      CompletableFuture<CycleReport> result;
      synchronized (lock) {
        while (pending == null && running) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!running) {
          return;
        }
        request = pending;
        result = pendingResult;
        pending = null;
        pendingResult = null;
        busy = true;
      }
      CycleReport report;
      Instant started = Instant.now();
      try {
        report = pipeline.run(request);
      } catch (RuntimeException e) {
        // the engine or the state may be back by the next cycle: the daemon reports it and goes on
        String why = e.getMessage() != null ? e.getMessage() : e.toString();
        LOG.warn("cycle ({}) failed: {}", request.trigger(), why);
        LOG.debug("cycle ({}) failed", request.trigger(), e);
        report =
            CycleReport.failed(
                request.trigger(), request.all(), started, Duration.between(started, Instant.now()), why);
      } finally {
        busy = false;
      }
      for (Consumer<CycleReport> listener : listeners) {
        try {
          listener.accept(report);
        } catch (RuntimeException e) {
          LOG.warn("cycle listener failed: {}", e.toString());
        }
      }
      result.complete(report);
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
      if (pendingResult != null) {
        pendingResult.cancel(false);
      }
    }
    worker.interrupt();
    if (Thread.currentThread() != worker) {
      // let a cycle that is recording what it did finish writing before the state is closed
      try {
        worker.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
