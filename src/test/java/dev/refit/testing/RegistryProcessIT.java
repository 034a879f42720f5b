package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryProcessIT {

  private static final TestEnvironment ENV = TestEnvironment.get();

  @Test
  void servesTheStandardImagesFromTheSharedStorage() {
    String expected = ENV.standardDigests().get("app:1.0.0");
    try (RegistryProcess registry = RegistryProcess.start()) {
      assertThat(registry.address()).isNotEqualTo(ENV.registry());
      assertThat(registry.storage()).isEqualTo(ENV.registryDataDir());

      assertThat(TestImages.manifestDigest(registry.address(), "app", "1.0.0")).contains(expected);

      assertThat(registry.log().await(r -> r.size() == 1, Duration.ofSeconds(5)))
          .containsExactly(new RegistryRequest("HEAD", "/v2/app/manifests/1.0.0", 200));
      registry.clearLog();
      assertThat(registry.requestLog()).isEmpty();
      assertThat(TestImages.tags(registry.address(), "app")).hasSize(TestEnvironment.APP_TAGS.size());
      assertThat(registry.log().await(r -> r.size() == 1, Duration.ofSeconds(5)))
          .containsExactly(new RegistryRequest("GET", "/v2/app/tags/list", 200, "n=1000"));
    }
  }

  @Test
  void instancesOverOneStorageSeeEachOthersPushes() throws Exception {
    Path storage = Files.createTempDirectory(ENV.dir(), "shared-storage-it-");
    try (RegistryProcess first = RegistryProcess.builder().storage(storage).start();
        RegistryProcess second = RegistryProcess.builder().storage(storage).start();
        TestImages images = new TestImages(ENV)) {
      String one = images.importAndPush(first.address() + "/shared/img:1", Map.of("n", "1"), TestImages.SLEEP);
      assertThat(TestImages.manifestDigest(second.address(), "shared/img", "1")).contains(one);
      assertThat(TestImages.manifestDigest(second.address(), "shared/img", "2")).isEmpty();

      // Pushed after the second instance looked: no cache may hide it.
      String two = images.importAndPush(first.address() + "/shared/img:2", Map.of("n", "2"), TestImages.SLEEP);
      assertThat(TestImages.manifestDigest(second.address(), "shared/img", "2")).contains(two);
      assertThat(Http.send("GET", second.baseUri() + "/v2/shared/img/manifests/" + two,
              Map.of("Accept", TestImages.MANIFEST_ACCEPT)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void htpasswdRegistryRequiresCredentials() {
    RegistryCredentials alice = new RegistryCredentials("alice", "s3cret:with:colons");
    try (RegistryProcess registry =
        RegistryProcess.builder().htpasswd(alice.username(), alice.password()).start()) {
      String base = registry.baseUri().toString();

      HttpResponse<String> anonymous = Http.headManifest(base, "app", "1.0.0", Map.of());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Www-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Basic realm="));

      HttpResponse<String> wrong = Http.headManifest(base, "app", "1.0.0",
          Map.of("Authorization", new RegistryCredentials("alice", "nope").basicAuthorization()));
      assertThat(wrong.statusCode()).isEqualTo(401);

      HttpResponse<String> authorized = Http.headManifest(base, "app", "1.0.0",
          Map.of("Authorization", alice.basicAuthorization()));
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(authorized.headers().firstValue("Docker-Content-Digest"))
          .contains(ENV.standardDigests().get("app:1.0.0"));

      // 401s count as requests too (the access log has them, the app log does not).
      assertThat(registry.log().await(r -> r.size() == 3, Duration.ofSeconds(5)))
          .extracting(RegistryRequest::status)
          .containsExactly(401, 401, 200);
    }
  }

  @Test
  void sendsNotificationsWithConfiguredHeaders() throws Exception {
    java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/events", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      events.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    Path storage = Files.createTempDirectory(ENV.dir(), "notify-it-");
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
    try (RegistryProcess registry = RegistryProcess.builder().storage(storage)
            .notifications(url, Map.of("Authorization", "Bearer notify-secret")).start();
        TestImages images = new TestImages(ENV)) {
      String digest = images.importAndPush(registry.address() + "/notified/img:7", Map.of(), TestImages.SLEEP);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      java.util.List<String> received = new java.util.ArrayList<>();
      com.fasterxml.jackson.databind.JsonNode manifestPush = null;
      while (manifestPush == null && System.nanoTime() < deadline) {
        String message = events.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (message == null) {
          continue;
        }
        received.add(message);
        assertThat(message).startsWith("Bearer notify-secret ");
        String body = message.substring("Bearer notify-secret ".length());
        for (var event : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("events")) {
          if (event.path("action").asText().equals("push")
              && event.path("target").path("tag").asText().equals("7")) {
            manifestPush = event;
          }
        }
      }
      assertThat(manifestPush).as("manifest push event among %s", received).isNotNull();
      assertThat(manifestPush.path("target").path("digest").asText()).isEqualTo(digest);
      assertThat(manifestPush.path("target").path("repository").asText()).isEqualTo("notified/img");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void sharedRegistryLogCountsRequests() {
    RegistryLog log = ENV.registryRequestLog();
    log.clear();
    TestImages.manifestDigest(ENV.registry(), "other", "latest");
    assertThat(log.await(r -> !r.isEmpty(), Duration.ofSeconds(5)))
        .containsExactly(new RegistryRequest("HEAD", "/v2/other/manifests/latest", 200));
  }
}
