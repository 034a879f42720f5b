package dev.refit.registry;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What one run has learned about one registry host: its auth challenge, its rate limit, its load. */
final class HostState {
  final String host;
  final Semaphore permits;
  final AtomicReference<AuthChallenge> challenge = new AtomicReference<>();
  /** Whether {@code /v2/} was asked, so the challenge is known or known to be absent. */
  final AtomicBoolean probed = new AtomicBoolean();
  final LongAdder requests = new LongAdder();
  final LongAdder errors = new LongAdder();
  /** Last {@code ratelimit-remaining} seen, or -1. */
  final AtomicInteger rateLimitRemaining = new AtomicInteger(-1);
  /**
   * Set when {@code /v2/} could not be reached or any request timed out: the rest of the run fails
   * fast for this host with this reason, instead of waiting for it again and again.
   */
  final AtomicReference<String> unavailableBecause = new AtomicReference<>();
  /** Set by the first 429: the rest of the run does not ask this host again. */
  final AtomicReference<String> rateLimitedBecause = new AtomicReference<>();

  HostState(String host, int maxConcurrentRequests) {
    this.host = host;
    this.permits = new Semaphore(maxConcurrentRequests, true);
  }

  RegistryHostStats snapshot() {
    int remaining = rateLimitRemaining.get();
    return new RegistryHostStats(
        host,
        requests.sum(),
        errors.sum(),
        remaining < 0 ? null : remaining,
        rateLimitedBecause.get() != null);
  }
}
