package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void keepsATokenUntilShortlyBeforeItExpires() {
    TokenCache cache = new TokenCache(clock);
    String key = TokenCache.key("ghcr.io", "repository:a:pull", null);
    cache.put(key, "t1", Duration.ofSeconds(300));
    assertThat(cache.get(key)).contains("t1");
    now.set(now.get().plusSeconds(289));
    assertThat(cache.get(key)).contains("t1");
    now.set(now.get().plusSeconds(2));
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void keysSeparateRepositoriesAndCredentials() {
    Credential alice = new Credential("alice", "pw1", "test");
    Credential bob = new Credential("bob", "pw2", "test");
    assertThat(TokenCache.key("h", "repository:a:pull", alice))
        .isNotEqualTo(TokenCache.key("h", "repository:a:pull", bob))
        .isNotEqualTo(TokenCache.key("h", "repository:b:pull", alice))
        .doesNotContain("pw1");
  }

  @Test
  void credentialToStringHidesTheSecret() {
    assertThat(new Credential("alice", "s3cret", "test").toString())
        .contains("alice")
        .doesNotContain("s3cret");
  }
}
