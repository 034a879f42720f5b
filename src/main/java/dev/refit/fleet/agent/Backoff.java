package dev.refit.fleet.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before dialling the server again: exponential growth from {@code base}, capped,
 * with full jitter (a uniform draw between zero and the ceiling). Jitter matters because a server
 * restart drops every agent at once; without it they would all reconnect in the same instant,
 * attempt after attempt.
 *
 * <p>The attempt count resets only after a connection stayed up for {@code stableAfter}: a server
 * that accepts and then drops at once (a crash loop, a rejecting proxy) must not be hammered at the
 * base delay.
 *
 * <p>Not thread-safe: the agent's one connection loop owns it.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Duration stableAfter;
  private final RandomGenerator random;
  private int attempts;

  public Backoff(Duration base, Duration cap, Duration stableAfter, RandomGenerator random) {
    if (base.toMillis() < 1) {
      throw new IllegalArgumentException("backoff base must be at least 1 ms");
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff cap must be at least the base");
    }
    if (stableAfter.isNegative()) {
      throw new IllegalArgumentException("backoff stableAfter must not be negative");
    }
    this.base = base;
    this.cap = cap;
    this.stableAfter = stableAfter;
    this.random = random;
  }

  /** The agent's defaults: 1 s, doubling, at most 5 minutes; a minute up counts as healthy. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1), random);
  }

  /** The delay before the next attempt; each call counts one failed attempt. */
  public Duration nextDelay() {
    Duration ceiling = ceiling(attempts);
    if (attempts < Integer.MAX_VALUE) {
      attempts++;
    }
    long millis = ceiling.toMillis();
    return Duration.ofMillis(random.nextLong(millis + 1));
  }

  /** The most {@link #nextDelay()} may return now. */
  public Duration currentCeiling() {
    return ceiling(attempts);
  }

  /** Tells how long the connection that just closed lived; a healthy one resets the growth. */
  public void connectionClosed(Duration lived) {
    if (lived.compareTo(stableAfter) >= 0) {
      attempts = 0;
    }
  }

  public int attempts() {
    return attempts;
  }

  private Duration ceiling(int attempt) {
    // base·2^attempt, computed without overflow: past 62 doublings any base exceeds any cap
    if (attempt >= 62) {
      return cap;
    }
    long baseMillis = base.toMillis();
    long factor = 1L << attempt;
    if (baseMillis > cap.toMillis() / factor) {
      return cap;
    }
    return Duration.ofMillis(baseMillis * factor);
  }
}
