package dev.refit.rollout;

import java.time.Duration;

/** Waits between two polls; tests pass one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
