package dev.refit.rollout;

/**
 * Decides whether something just started may stay: a container's healthcheck, a stability window,
 * a Swarm service's update status. One small strategy per way of knowing.
 */
public interface Readiness {
  /**
   * Waits until the verdict is known, never longer than the strategy's own limit.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  ReadinessVerdict await() throws InterruptedException;

  /** What the strategy waits for, for a progress line: {@code healthy}, {@code stable for 10s}. */
  String describe();
}
