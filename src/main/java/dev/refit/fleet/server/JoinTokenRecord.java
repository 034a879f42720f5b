package dev.refit.fleet.server;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A join token as the server stores it: its hash only.
 *
 * @param spentAt when an agent enrolled with it, or null while unused
 * @param agentId the agent it enrolled, so a retry whose first answer was lost can be told from
 *     another use; null while unused (and for tokens spent before Refit kept this)
 */
public record JoinTokenRecord(
    String hash,
    Instant issuedAt,
    Instant expiresAt,
    @Nullable Instant spentAt,
    @Nullable String agentId) {

  /** A token not spent yet. */
  public JoinTokenRecord(String hash, Instant issuedAt, Instant expiresAt) {
    this(hash, issuedAt, expiresAt, null, null);
  }

  public boolean isSpent() {
    return spentAt != null;
  }

  /** Expiry is exclusive: at {@code expiresAt} the token no longer works. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Whether the agent it enrolled may still enrol again with it: spent less than {@code window}
   * ago, for a known agent. Expiry does not matter here, the spend does: a token spent a minute
   * before it expired still gives its agent the whole window.
   */
  public boolean mayRetry(Instant now, Duration window) {
    return spentAt != null && agentId != null && now.isBefore(spentAt.plus(window));
  }

  /** Of no more use: expired, and no retry left. */
  boolean isDead(Instant now, Duration window) {
    return isExpired(now) && !mayRetry(now, window);
  }
}
