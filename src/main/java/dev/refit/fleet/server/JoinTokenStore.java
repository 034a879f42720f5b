package dev.refit.fleet.server;

import java.time.Instant;
import java.util.Optional;

/** Where join tokens live (the server's database, next), keyed by their hash. */
public interface JoinTokenStore {
  void add(JoinTokenRecord token);

  Optional<JoinTokenRecord> find(String hash);

  /**
   * Marks the token spent if it is not yet: one atomic step (a conditional update in SQL), so two
   * agents presenting the same token at once cannot both enrol.
   *
   * @return whether this call spent it
   */
  boolean spend(String hash, Instant at);

  /** Deletes tokens expired at {@code now}: they can never be used, so keeping them is noise. */
  int removeExpired(Instant now);
}
