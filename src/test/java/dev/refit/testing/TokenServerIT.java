package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenServerIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RegistryCredentials BOB = new RegistryCredentials("bob", "hunter2");

  @Test
  void challengeTokenAndAuthorizedHead() throws Exception {
    try (TokenServer tokens = TokenServer.builder().user(BOB.username(), BOB.password()).start();
        RegistryProcess registry = RegistryProcess.builder().tokenAuth(tokens).start()) {
      String base = registry.baseUri().toString();

      HttpResponse<String> challenged = Http.headManifest(base, "app", "1.0.0", Map.of());
      assertThat(challenged.statusCode()).isEqualTo(401);
      Map<String, String> challenge =
          parseBearer(challenged.headers().firstValue("Www-Authenticate").orElseThrow());
      assertThat(challenge).containsEntry("realm", tokens.realm()).containsEntry("service", tokens.service());

      String tokenUrl = challenge.get("realm") + "?service=" + enc(challenge.get("service"))
          + "&scope=" + enc("repository:app:pull");
      assertThat(Http.send("GET", tokenUrl, Map.of()).statusCode()).isEqualTo(401);
      assertThat(Http.send("GET", tokenUrl,
          Map.of("Authorization", new RegistryCredentials("bob", "wrong").basicAuthorization()))
          .statusCode()).isEqualTo(401);

      HttpResponse<String> issued = Http.send("GET", tokenUrl,
          Map.of("Authorization", BOB.basicAuthorization()));
      assertThat(issued.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(issued.body());
      assertThat(answer.path("expires_in").asInt()).isEqualTo(300);
      assertThat(answer.path("issued_at").asText()).isNotEmpty();
      String token = answer.path("token").asText();

      HttpResponse<String> authorized = Http.headManifest(base, "app", "1.0.0",
          Map.of("Authorization", "Bearer " + token));
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(authorized.headers().firstValue("Docker-Content-Digest"))
          .contains(ENV.standardDigests().get("app:1.0.0"));

      // A pull token for app does not open other.
      assertThat(Http.headManifest(base, "other", "latest", Map.of("Authorization", "Bearer " + token))
          .statusCode()).isEqualTo(401);

      assertThat(tokens.requests()).extracting(TokenRequest::status).containsExactly(401, 401, 200);
      assertThat(tokens.requests().get(2))
          .isEqualTo(new TokenRequest("GET", "bob", List.of("repository:app:pull"), tokens.service(), 200));
    }
  }

  @Test
  void anonymousPullWithAccessTokenField() throws Exception {
    try (TokenServer tokens = TokenServer.builder().anonymousPull(true).accessTokenField(true).start();
        RegistryProcess registry = RegistryProcess.builder().tokenAuth(tokens).start()) {
      HttpResponse<String> issued = Http.send("GET", tokens.realm() + "?service=" + enc(tokens.service())
          + "&scope=" + enc("repository:other:pull,push"), Map.of());
      assertThat(issued.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(issued.body());
      assertThat(answer.has("token")).isFalse();
      String token = answer.path("access_token").asText();
      JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
      assertThat(claims.path("access").get(0).path("actions").toString()).isEqualTo("[\"pull\"]");

      assertThat(Http.headManifest(registry.baseUri().toString(), "other", "latest",
          Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void engineCanPushThroughTokenAuth() throws Exception {
    Path storage = Files.createTempDirectory(ENV.dir(), "token-push-it-");
    try (TokenServer tokens = TokenServer.builder().user(BOB.username(), BOB.password()).start();
        RegistryProcess registry = RegistryProcess.builder().storage(storage).tokenAuth(tokens).start();
        TestImages images = new TestImages(ENV)) {
      String reference = registry.address() + "/private/img:1";
      images.importImage(reference, Map.of("private", "yes"), TestImages.SLEEP);

      String digest = images.push(reference, BOB);

      assertThat(digest).startsWith("sha256:");
      assertThat(tokens.requests()).anySatisfy(r -> {
        assertThat(r.user()).isEqualTo("bob");
        assertThat(r.scopes()).anyMatch(s -> s.startsWith("repository:private/img:") && s.contains("push"));
        assertThat(r.status()).isEqualTo(200);
      });
      assertThat(registry.requestLog()).anyMatch(r -> r.matches("PUT", "/v2/private/img/manifests/1")
          && r.status() == 201);
    }
  }

  private static Map<String, String> parseBearer(String header) {
    assertThat(header).startsWith("Bearer ");
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
