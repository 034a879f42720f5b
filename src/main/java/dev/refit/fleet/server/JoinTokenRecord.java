package dev.refit.fleet.server;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A join token as the server stores it: its hash only.
 *
 * @param spentAt when an agent enrolled with it, or null while unused
 */
public record JoinTokenRecord(
    String hash, Instant issuedAt, Instant expiresAt, @Nullable Instant spentAt) {

  public boolean isSpent() {
    return spentAt != null;
  }

  /** Expiry is exclusive: at {@code expiresAt} the token no longer works. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
