package dev.refit.server.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UI's sessions, in memory: a restart logs everyone out, which is the safe direction. Ids and
 * CSRF tokens are 256 random bits each.
 */
final class Sessions {
  private final Map<String, UiSession> byId = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;

  Sessions(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  UiSession open(String caller) {
    byId.values().removeIf(s -> s.expires().isBefore(clock.instant()));
    UiSession s = new UiSession(secret(), caller, secret(), clock.instant().plus(lifetime));
    byId.put(s.id(), s);
    return s;
  }

  Optional<UiSession> find(String id) {
    UiSession s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (s.expires().isBefore(clock.instant())) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void close(String id) {
    byId.remove(id);
  }

  Duration lifetime() {
    return lifetime;
  }

  /** Whether the form's token is the session's, compared in constant time. */
  static boolean csrfMatches(UiSession session, String given) {
    return MessageDigest.isEqual(
        session.csrf().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
