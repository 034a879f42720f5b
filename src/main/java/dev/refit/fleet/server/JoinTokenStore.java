package dev.refit.fleet.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where join tokens live (the server's database, next), keyed by their hash. */
public interface JoinTokenStore {
  void add(JoinTokenRecord token);

  Optional<JoinTokenRecord> find(String hash);

  /**
   * Marks the token spent by this agent if it is not yet: one atomic step (a conditional update in
   * SQL), so two agents presenting the same token at once cannot both enrol.
   *
   * @return whether this call spent it
   */
  boolean spend(String hash, Instant at, String agentId);

  /**
   * Deletes tokens that can never be used again at {@code now}: expired, and spent (if at all) at
   * least {@code retryWindow} ago. Keeping them is noise.
   */
  int removeDead(Instant now, Duration retryWindow);
}
