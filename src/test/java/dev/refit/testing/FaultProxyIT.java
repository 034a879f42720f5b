package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final String MANIFEST = "/v2/app/manifests/1.0.0";

  private FaultProxy proxy;
  private String base;

  @BeforeEach
  void start() {
    proxy = FaultProxy.start(ENV.registry());
    base = proxy.baseUri().toString();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void injects429ThenPassesThrough() {
    RegistryLog registryLog = ENV.registryRequestLog();
    registryLog.clear();
    proxy.inject(Fault.tooManyRequests(Duration.ofSeconds(1)).on("HEAD", "/v2/app/manifests/.*").times(2));

    HttpResponse<String> first = Http.headManifest(base, "app", "1.0.0", Map.of());
    HttpResponse<String> second = Http.headManifest(base, "app", "1.0.0", Map.of());
    HttpResponse<String> third = Http.headManifest(base, "app", "1.0.0", Map.of());

    assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode()))
        .containsExactly(429, 429, 200);
    assertThat(first.headers().firstValue("Retry-After")).contains("1");
    assertThat(third.headers().firstValue("Docker-Content-Digest"))
        .contains(ENV.standardDigests().get("app:1.0.0"));
    assertThat(third.headers().firstValue("Content-Type"))
        .contains("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(proxy.count("HEAD", MANIFEST)).isEqualTo(3);
    assertThat(proxy.counts()).containsEntry(new ProxiedRequest.Key("HEAD", MANIFEST), 3);
    assertThat(proxy.requests()).extracting(ProxiedRequest::faulted).containsExactly(true, true, false);
    // Only the passed-through request reached the registry.
    assertThat(registryLog.await(r -> !r.isEmpty(), Duration.ofSeconds(5)))
        .containsExactly(new RegistryRequest("HEAD", MANIFEST, 200));
  }

  @Test
  void serverErrorsAlwaysUntilCleared() {
    proxy.inject(Fault.status(500).onPath("/v2/app/tags/list"));
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer = Http.send("GET", base + "/v2/app/tags/list", Map.of());
      assertThat(answer.statusCode()).isEqualTo(500);
      assertThat(answer.body()).contains("\"errors\"");
    }
    proxy.clearFaults();
    assertThat(Http.send("GET", base + "/v2/app/tags/list", Map.of()).statusCode()).isEqualTo(200);
    assertThat(proxy.count("GET", "/v2/app/tags/list")).isEqualTo(4);
  }

  @Test
  void garbageBodyAndMissingDigest() {
    proxy.inject(Fault.garbageBody().on("GET", "/v2/app/tags/list").times(1));
    proxy.inject(Fault.dropHeader("Docker-Content-Digest").on("HEAD", "/v2/.+/manifests/.+"));

    HttpResponse<String> garbage = Http.send("GET", base + "/v2/app/tags/list", Map.of());
    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThat(garbage.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).contains("json"));
    assertThat(garbage.body()).doesNotContain("\"tags\"").startsWith("<html>");

    HttpResponse<String> head = Http.headManifest(base, "app", "1.0.1", Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Docker-Content-Digest")).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).isPresent();
  }

  @Test
  void paginatesTagLists() throws Exception {
    proxy.inject(Fault.paginateTags(4));
    List<String> all = TestImages.tags(ENV.registry(), "app");
    List<String> seen = new java.util.ArrayList<>();
    String next = "/v2/app/tags/list";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> page = Http.send("GET", base + next, Map.of());
      assertThat(page.statusCode()).isEqualTo(200);
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.body()).path("tags")
          .forEach(tag -> seen.add(tag.asText()));
      next = page.headers().firstValue("Link")
          .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
          .orElse(null);
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(all);
    assertThat(Http.send("GET", base + "/v2/app/tags/list?n=20", Map.of()).headers()
        .firstValue("Link")).isEmpty();
  }

  @Test
  void delayMakesClientsTimeOut() {
    proxy.inject(Fault.delay(Duration.ofSeconds(2)).onPath("/v2/").times(1));
    assertThatThrownBy(() -> Http.send("GET", base + "/v2/", Map.of(), Duration.ofMillis(300)))
        .hasRootCauseInstanceOf(HttpTimeoutException.class);
    assertThat(Http.send("GET", base + "/v2/", Map.of(), Duration.ofMillis(1000)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void passesLinksLocationsAndAuthorization() {
    // distribution 2.8 paginates _catalog (not tags): its Link passes through, relative.
    HttpResponse<String> page = Http.send("GET", base + "/v2/_catalog?n=1", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Link")).hasValueSatisfying(
        link -> assertThat(link).isEqualTo("</v2/_catalog?last=app&n=1>; rel=\"next\""));
    assertThat(proxy.requests().get(0).query()).isEqualTo("n=1");

    HttpResponse<String> upload = Http.send("POST", base + "/v2/fault-proxy-it/blobs/uploads/", Map.of());
    assertThat(upload.statusCode()).isEqualTo(202);
    assertThat(upload.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).startsWith(base + "/v2/fault-proxy-it/blobs/uploads/"));
    assertThat(Http.send("DELETE", upload.headers().firstValue("Location").orElseThrow(), Map.of())
        .statusCode()).isEqualTo(204);

    RegistryCredentials carol = new RegistryCredentials("carol", "pw");
    try (RegistryProcess secured = RegistryProcess.builder().htpasswd("carol", "pw").start();
        FaultProxy securedProxy = FaultProxy.start(secured.address())) {
      String securedBase = securedProxy.baseUri().toString();
      HttpResponse<String> challenged = Http.headManifest(securedBase, "app", "1.0.0", Map.of());
      assertThat(challenged.statusCode()).isEqualTo(401);
      assertThat(challenged.headers().firstValue("Www-Authenticate")).isPresent();
      assertThat(Http.headManifest(securedBase, "app", "1.0.0",
          Map.of("Authorization", carol.basicAuthorization())).statusCode()).isEqualTo(200);
    }
  }
}
