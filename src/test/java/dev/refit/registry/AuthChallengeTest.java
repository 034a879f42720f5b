package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void readsDockerHubsBearerChallenge() {
    AuthChallenge c =
        AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                    + "scope=\"repository:library/nginx:pull\"")
            .orElseThrow();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.realm()).isEqualTo("https://auth.docker.io/token");
    assertThat(c.service()).contains("registry.docker.io");
    assertThat(c.parameters()).containsEntry("scope", "repository:library/nginx:pull");
  }

  @Test
  void readsBasicAndUnquotedAndEscapedValues() {
    assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().isBasic())
        .isTrue();
    AuthChallenge c =
        AuthChallenge.parse("bearer Realm=http://127.0.0.1:9/t, service=\"a\\\"b\"").orElseThrow();
    assertThat(c.realm()).isEqualTo("http://127.0.0.1:9/t");
    assertThat(c.service()).contains("a\"b");
  }

  @Test
  void keepsOnlyTheFirstOfSeveralChallenges() {
    AuthChallenge c =
        AuthChallenge.parse("Bearer realm=\"https://a/token\",service=\"s\", Basic realm=\"x\"")
            .orElseThrow();
    assertThat(c.isBearer()).isTrue();
    assertThat(c.realm()).isEqualTo("https://a/token");
  }

  @Test
  void emptyForNothingOrGarbage() {
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse("  ")).isEmpty();
    assertThat(AuthChallenge.parse("{}[]")).isEmpty();
  }
}
