package dev.refit.fleet.server;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** For tests, and a server run without a database. */
public final class InMemoryJoinTokenStore implements JoinTokenStore {
  private final Map<String, JoinTokenRecord> tokens = new HashMap<>();

  @Override
  public synchronized void add(JoinTokenRecord token) {
    tokens.put(token.hash(), token);
  }

  @Override
  public synchronized Optional<JoinTokenRecord> find(String hash) {
    return Optional.ofNullable(tokens.get(hash));
  }

  @Override
  public synchronized boolean spend(String hash, Instant at, String agentId) {
    JoinTokenRecord token = tokens.get(hash);
    if (token == null || token.isSpent()) {
      return false;
    }
    tokens.put(hash, new JoinTokenRecord(hash, token.issuedAt(), token.expiresAt(), at, agentId));
    return true;
  }

  @Override
  public synchronized int removeDead(Instant now, Duration retryWindow) {
    int before = tokens.size();
    tokens.values().removeIf(t -> t.isDead(now, retryWindow));
    return before - tokens.size();
  }
}
