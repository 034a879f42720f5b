package dev.refit.http.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's listener calls, run one after another in the order given, on a shared pool.
 * The connection's own thread only reads frames: what a message does (JSON, the database) runs
 * on a few pooled threads, so a thousand quiet agents hold a thousand shallow stacks, not a
 * thousand that once went deep.
 */
final class SerialTasks {
  private static final Logger LOG = LoggerFactory.getLogger(SerialTasks.class);

  private final Executor pool;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  SerialTasks(Executor pool) {
    this.pool = pool;
  }

  void submit(Runnable task) {
    tasks.add(task);
    if (running.compareAndSet(false, true)) {
      pool.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("a WebSocket listener failed: {}", e.toString());
        }
      }
      running.set(false);
      // a task added after the last poll but before the flag dropped: take it here
      if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
