package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.ImageReference;
import java.net.URI;
import dev.refit.http.client.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the token endpoint sends and how it reads Docker Hub's and GHCR's answers. */
class TokenEndpointTest {
  private static final ImageReference HUB = ImageReference.parse("library/nginx:1.27");
  private static final AuthChallenge HUB_CHALLENGE =
      AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\"")
          .orElseThrow();

  private static RegistryAnswer answer(int status, String body) {
    return new RegistryAnswer(
        URI.create("https://auth.docker.io/token"),
        status,
        Headers.of(Map.of()),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static TokenEndpoint anonymous() {
    return new TokenEndpoint(
        HUB_CHALLENGE, "repository:library/nginx:pull", HUB, null, false, 1024);
  }

  @Test
  void asksTheRealmForThePullScope() {
    TokenEndpoint endpoint = anonymous();
    assertThat(endpoint.method()).isEqualTo("GET");
    assertThat(endpoint.uri().toString())
        .isEqualTo(
            "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fnginx%3Apull");
    assertThat(endpoint.authorization()).isNull();
    assertThat(endpoint.followsRedirects()).isFalse();
  }

  @Test
  void readsTokenOrAccessTokenAndTheLifetime() {
    assertThat(
            anonymous()
                .handle(
                    answer(
                        200,
                        "{\"token\":\"eyJhbGciOiJSUzI1NiJ9.hub\",\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.hub\","
                            + "\"expires_in\":300,\"issued_at\":\"2026-11-30T03:00:00.123Z\"}")))
        .isEqualTo(new Token("eyJhbGciOiJSUzI1NiJ9.hub", Duration.ofSeconds(300)));
    assertThat(anonymous().handle(answer(200, "{\"access_token\":\"only-oauth\"}")))
        .isEqualTo(new Token("only-oauth", Duration.ofSeconds(60)));
    // GHCR's anonymous answer: a token, nothing else
    assertThat(anonymous().handle(answer(200, "{\"token\":\"djE6Z2hjcg==\"}")).value())
        .isEqualTo("djE6Z2hjcg==");
    assertThat(new Token("secret", Duration.ZERO).toString()).doesNotContain("secret");
  }

  @Test
  void refusesGarbageAndStatusesThatAreNoToken() {
    assertThatThrownBy(() -> anonymous().handle(answer(200, "<html>")))
        .hasMessage("token server auth.docker.io for docker.io answered something that is not a token");
    assertThatThrownBy(() -> anonymous().handle(answer(200, "{}")))
        .hasMessage("token server auth.docker.io for docker.io answered something that is not a token");
    assertThatThrownBy(() -> anonymous().handle(answer(502, "")))
        .hasMessage("token server auth.docker.io for docker.io answered 502 instead of a token");
  }

  @Test
  void neverSendsCredentialsToAPlainHttpRealmElsewhere() {
    AuthChallenge plain =
        AuthChallenge.parse("Bearer realm=\"http://auth.example/token\"").orElseThrow();
    Credential me = new Credential("me", "pw", "config");
    ImageReference image = ImageReference.parse("registry.example/app:1");
    assertThatThrownBy(() -> new TokenEndpoint(plain, "repository:app:pull", image, me, false, 1024))
        .hasMessage(
            "registry registry.example wants credentials sent to auth.example over plain http;"
                + " Refit refuses (mark the registry insecure if you mean it)");
    // anonymous, or a registry itself marked insecure: allowed
    new TokenEndpoint(plain, "repository:app:pull", image, null, false, 1024);
    new TokenEndpoint(plain, "repository:app:pull", image, me, true, 1024);
    AuthChallenge notUrl = AuthChallenge.parse("Bearer realm=\"/token\"").orElseThrow();
    assertThatThrownBy(() -> new TokenEndpoint(notUrl, "s", image, null, false, 1024))
        .hasMessage("registry registry.example sent a token realm that is not a URL: '/token'");
  }
}
