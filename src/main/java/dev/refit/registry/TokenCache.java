package dev.refit.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Bearer tokens per registry, repository scope and credential, kept until shortly before they expire. */
final class TokenCache {
  /** Tokens are dropped this long before their stated expiry, so one never expires in flight. */
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

  private record Entry(String token, Instant expiresAt) {}

  private final Clock clock;
  private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  static String key(String apiHost, String scope, @Nullable Credential credential) {
    return apiHost + "|" + scope + "|" + (credential == null ? "-" : credential.fingerprint());
  }

  Optional<String> get(String key) {
    Entry entry = tokens.get(key);
    if (entry == null || !clock.instant().isBefore(entry.expiresAt)) {
      return Optional.empty();
    }
    return Optional.of(entry.token);
  }

  void put(String key, String token, Duration lifetime) {
    Duration usable = lifetime.minus(SAFETY_MARGIN);
    if (usable.isNegative() || usable.isZero()) {
      usable = lifetime.dividedBy(2);
    }
    tokens.put(key, new Entry(token, clock.instant().plus(usable)));
  }

  void invalidate(String key) {
    tokens.remove(key);
  }
}
