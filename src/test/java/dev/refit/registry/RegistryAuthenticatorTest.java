package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import dev.refit.testing.SilentServer;
import dev.refit.http.client.OriginClient;
import dev.refit.http.client.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The authenticator against a local registry and token server. Token answers are shaped as Docker
 * Hub's ({@code token}, {@code access_token}, {@code expires_in}, {@code issued_at}) and GHCR's
 * ({@code token} only) are documented.
 */
class RegistryAuthenticatorTest {
  private final LocalServer server = new LocalServer();
  private final AtomicInteger tokensIssued = new AtomicInteger();

  @AfterEach
  void stop() {
    server.close();
  }

  private RegistryAuthenticator authenticator(CredentialStore credentials, RegistrySettings settings) {
    OriginClient http = RegistryClient.http(settings);
    RegistryCaller caller = new RegistryCaller(http, settings);
    return new RegistryAuthenticator(
        caller, settings, credentials, new RegistryEndpoints(settings.insecureRegistries()), Clock.systemUTC());
  }

  private RegistryAuthenticator authenticator(CredentialStore credentials) {
    return authenticator(credentials, RegistrySettings.builder().retries(2, Duration.ofMillis(1)).build());
  }

  private ImageReference app() {
    return ImageReference.parse(server.address() + "/team/app:1.0.0");
  }

  private void bearerRegistry() {
    server.answer(
        "/v2/",
        401,
        Map.of(
            "Www-Authenticate",
            "Bearer realm=\"http://" + server.address() + "/token\",service=\"local.test\""),
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
    server.on(
        "/token",
        ex ->
            LocalServer.send(
                ex,
                200,
                Map.of("Content-Type", "application/json"),
                "{\"token\":\"tok-" + tokensIssued.incrementAndGet()
                    + "\",\"access_token\":\"tok\",\"expires_in\":300,"
                    + "\"issued_at\":\"2026-11-30T03:00:00.000000000Z\"}"));
  }

  private static CredentialStore one(Credential credential) {
    return registry -> Optional.of(credential);
  }

  @Test
  void aBearerChallengeIsLearnedOnceAndTheTokenCachedPerScope() {
    bearerRegistry();
    RegistryAuthenticator auth = authenticator(CredentialStore.none());
    assertThat(auth.authorization(app(), null)).isEqualTo("Bearer tok-1");
    assertThat(auth.authorization(app(), null)).isEqualTo("Bearer tok-1");
    ImageReference other = ImageReference.parse(server.address() + "/team/other:2");
    assertThat(auth.authorization(other, null)).isEqualTo("Bearer tok-2");
    assertThat(server.count("GET", "/v2/")).isEqualTo(1);
    assertThat(server.count("GET", "/token")).isEqualTo(2);
    LocalServer.Seen first = server.requests().get(1);
    assertThat(first.query()).isEqualTo("service=local.test&scope=repository%3Ateam%2Fapp%3Apull");
    assertThat(first.header("Authorization")).isNull();
  }

  @Test
  void aPasswordIsSentToTheTokenServerAsBasicAuthWithTheAccount() {
    bearerRegistry();
    Credential me = new Credential("me", "s3cret", "~/.docker/config.json");
    RegistryAuthenticator auth = authenticator(one(me));
    assertThat(auth.authorization(app(), me)).isEqualTo("Bearer tok-1");
    LocalServer.Seen token = server.requests().get(1);
    assertThat(token.query()).endsWith("&account=me");
    assertThat(token.header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("me:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anIdentityTokenIsExchangedAsAnOAuthRefreshToken() {
    bearerRegistry();
    Credential identity = new Credential(Credential.IDENTITY_TOKEN_USER, "refresh-me", "credential helper 'pass'");
    authenticator(one(identity)).authorization(app(), identity);
    LocalServer.Seen token = server.requests().get(1);
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.header("Authorization")).isNull();
    assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.body())
        .isEqualTo(
            "service=local.test&scope=repository%3Ateam%2Fapp%3Apull&grant_type=refresh_token"
                + "&client_id=refit&refresh_token=refresh-me");
  }

  @Test
  void aRefusedTokenNamesWhereTheCredentialCameFromNeverTheSecret() {
    bearerRegistry();
    server.answer("/token", 401, Map.of(), "{\"details\":\"incorrect username or password\"}");
    Credential me = new Credential("me", "s3cret", "REFIT_REGISTRY_LAN_PASSWORD");
    assertThatThrownBy(() -> authenticator(one(me)).authorization(app(), me))
        .hasMessage(
            "registry " + server.address() + " refused the credentials of user 'me' from"
                + " REFIT_REGISTRY_LAN_PASSWORD for team/app (401): they are wrong or may not pull it")
        .hasMessageNotContaining("s3cret")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.UNAUTHORIZED);
  }

  @Test
  void aBasicChallengeGetsTheCredentialAndAnOpenRegistryNothing() {
    server.answer("/v2/", 401, Map.of("Www-Authenticate", "Basic realm=\"Registry Realm\""), "");
    Credential me = new Credential("me", "pw", "config");
    assertThat(authenticator(one(me)).authorization(app(), me)).isEqualTo(me.basicAuthorization());
    assertThat(authenticator(CredentialStore.none()).authorization(app(), null)).isNull();

    try (LocalServer open = new LocalServer()) {
      open.answer("/v2/", 200, Map.of("Content-Type", "application/json"), "{}");
      ImageReference image = ImageReference.parse(open.address() + "/app:1");
      RegistryAuthenticator auth = authenticator(CredentialStore.none());
      assertThat(auth.authorization(image, null)).isNull();
      assertThat(auth.authorization(image, null)).isNull();
      assertThat(open.count("GET", "/v2/")).isEqualTo(1);
    }
  }

  @Test
  void aFourOhOneAfterAuthenticatingFetchesAFreshToken() {
    bearerRegistry();
    RegistryAuthenticator auth = authenticator(CredentialStore.none());
    assertThat(auth.authorization(app(), null)).isEqualTo("Bearer tok-1");
    RegistryAnswer expired =
        new RegistryAnswer(
            server.uri("/v2/team/app/tags/list"),
            401,
            Headers.of(
                Map.of(
                    "www-authenticate",
                    List.of(
                        "Bearer realm=\"http://" + server.address()
                            + "/token\",service=\"local.test\",error=\"invalid_token\""))),
            new byte[0]);
    assertThat(auth.afterUnauthorized(app(), null, expired)).isEqualTo("Bearer tok-2");
    RegistryAnswer bare =
        new RegistryAnswer(server.uri("/v2/x"), 401, Headers.of(Map.of()), new byte[0]);
    assertThatThrownBy(() -> auth.afterUnauthorized(app(), null, bare))
        .hasMessageStartingWith("registry " + server.address() + " refused anonymous access to team/app (401)");
  }

  @Test
  void aSilentRegistryCostsOnePingForTheWholeRun() {
    try (SilentServer silent = SilentServer.start()) {
      RegistryAuthenticator auth =
          authenticator(
              CredentialStore.none(),
              RegistrySettings.builder()
                  .requestTimeout(Duration.ofMillis(300))
                  .retries(3, Duration.ofMillis(1))
                  .build());
      ImageReference a = ImageReference.parse(silent.address() + "/a:1");
      ImageReference b = ImageReference.parse(silent.address() + "/b:1");
      String because =
          "registry " + silent.address() + " did not answer GET /v2/ within 300ms"
              + " (registry.timeout); not asking it again in this run";
      assertThatThrownBy(() -> auth.authorization(a, null)).hasMessage(because);
      assertThatThrownBy(() -> auth.authorization(b, null)).hasMessage(because);
      assertThat(silent.connections()).isEqualTo(1);
    }
  }

  @Test
  void aTokenServerThatHangsIsOneTimeoutToo() {
    try (SilentServer silent = SilentServer.start()) {
      server.answer(
          "/v2/", 401, Map.of("Www-Authenticate", "Bearer realm=\"http://" + silent.address() + "/token\""), "");
      RegistryAuthenticator auth =
          authenticator(
              CredentialStore.none(),
              RegistrySettings.builder().requestTimeout(Duration.ofMillis(300)).build());
      assertThatThrownBy(() -> auth.authorization(app(), null))
          .hasMessage(
              "registry " + silent.address() + " did not answer GET /token within 300ms"
                  + " (registry.timeout); not asking it again in this run");
      assertThatThrownBy(() -> auth.authorization(ImageReference.parse(server.address() + "/x:1"), null))
          .hasMessageContaining("did not answer GET /token");
      assertThat(silent.connections()).isEqualTo(1);
    }
  }
}
