package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.config.ConfigLoader;
import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import dev.refit.pipeline.FakeCore;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.server.webhook.WebhookSecrets;
import dev.refit.testing.MovableClock;
import dev.refit.testing.OpenDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon over a fake engine and registry: API, auth, gates, approvals, webhooks, metrics, restarts. */
class DaemonApiTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private final FakeCore core = new FakeCore();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-04T12:00:00Z"));
  private final List<RefitDaemon> daemons = new ArrayList<>();
  @AutoClose private final OpenDatabases databases = new OpenDatabases();
  private String base;

  @AfterEach
  void stop() {
    daemons.forEach(RefitDaemon::close);
  }

  private void start(String... settings) {
    List<ConfigOverride> flags = new ArrayList<>();
    flags.add(ConfigOverride.parseSet("serve.port=0"));
    flags.add(ConfigOverride.parseSet("serve.token=" + TOKEN));
    flags.add(ConfigOverride.parseSet("schedule.cron=off"));
    flags.add(ConfigOverride.parseSet("schedule.checkAtStart=false"));
    flags.add(ConfigOverride.parseSet("webhooks.secret=hook-secret"));
    for (String s : settings) {
      flags.add(ConfigOverride.parseSet(s));
    }
    RefitConfig config = new ConfigLoader(Map.of()).load(null, flags);
    RefitDaemon daemon = new RefitDaemon(new PipelineFactory(config, Map.of(), core, clock), null, databases.open(dir));
    daemons.add(daemon);
    base = "http://127.0.0.1:" + daemon.start();
  }

  private HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode api(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  @Test
  void healthIsOpenEverythingElseNeedsCredentials() throws Exception {
    start();
    assertThat(call("GET", "/healthz", null, Map.of()).statusCode()).isEqualTo(200);
    HttpResponse<String> anonymous = call("GET", "/api/targets", null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"refit\"");
    assertThat(call("GET", "/api/targets", null, Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/metrics", null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/api/check", null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(core.checked).isEmpty();
    assertThat(api("GET", "/api/targets", null).path("targets")).isEmpty();
  }

  @Test
  void httpsServesTheConfiguredPairWithItsRenewalWatchStarted() throws Exception {
    Path tls = Path.of("src/test/resources/tls");
    start("serve.tlsCert=" + tls.resolve("server-chain.pem"), "serve.tlsKey=" + tls.resolve("server.key"));
    HttpClient https =
        HttpClient.newBuilder().sslContext(dev.refit.fleet.agent.TrustedCertificates.sslContext(tls.resolve("ca.pem"))).build();
    HttpResponse<String> health =
        https.send(HttpRequest.newBuilder(URI.create(base.replace("http://", "https://") + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.sslSession()).get().satisfies(session ->
        assertThat(((java.security.cert.X509Certificate) session.getPeerCertificates()[0]).getSerialNumber().toString(16))
            .isEqualTo("7b6cbd2c7c043b0a2b3bb49716445873a0067d27"));
  }

  @Test
  void healthAndTheApiNameTheBuild() throws Exception {
    start();
    JsonNode health = JSON.readTree(call("GET", "/healthz", null, Map.of()).body());
    JsonNode version = api("GET", "/api/version", null);
    dev.refit.build.BuildInfo build = dev.refit.build.BuildInfo.current();
    for (JsonNode body : List.of(health, version)) {
      assertThat(body.path("version").asText()).isEqualTo(build.version()).isNotEqualTo("unknown");
      assertThat(body.path("commit").asText()).isEqualTo(build.commit());
      assertThat(body.path("buildTime").asText()).isEqualTo(build.buildTime());
    }
  }

  @Test
  void basicAuthAndNoCredentialsAtAll() throws Exception {
    start("serve.token=", "serve.username=admin", "serve.password=pa:ss");
    String good = "Basic " + Base64.getEncoder().encodeToString("admin:pa:ss".getBytes(StandardCharsets.UTF_8));
    String bad = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
    assertThat(call("GET", "/api/history", null, Map.of("Authorization", good)).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/history", null, Map.of("Authorization", bad)).statusCode()).isEqualTo(401);
    start("serve.token=");
    HttpResponse<String> none = call("GET", "/api/history", null, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("the API has no credentials configured");
  }

  @Test
  void checkReportsCurrentAndAvailableAndModesDecide() throws Exception {
    core.container("web", "registry.example/acme/web:1.0.0", Map.of("refit.enable", "true"));
    core.container("db", "registry.example/acme/db:2.0.0", Map.of());
    core.container("cache", "registry.example/acme/cache:3.0.0", Map.of());
    core.newerTag.put("web", "1.1.0");
    core.newerTag.put("db", "2.1.0");
    start();

    JsonNode cycle = api("POST", "/api/check?wait=true", null);
    assertThat(cycle.path("targets").asInt()).isEqualTo(3);
    assertThat(cycle.path("trigger").asText()).isEqualTo("api");

    JsonNode targets = api("GET", "/api/targets", null).path("targets");
    assertThat(targets).hasSize(3);
    JsonNode web = targets.get(2);
    assertThat(web.path("name").asText()).isEqualTo("web");
    assertThat(web.path("current").path("tag").asText()).isEqualTo("1.0.0");
    assertThat(web.path("available").path("tag").asText()).isEqualTo("1.1.0");
    assertThat(web.path("plan").path("mode").asText()).isEqualTo("apply");
    assertThat(web.path("outcome").path("outcome").asText()).isEqualTo("applied");
    JsonNode db = targets.get(1);
    assertThat(db.path("plan").path("mode").asText()).isEqualTo("notify");
    assertThat(db.path("plan").path("verdict").asText()).isEqualTo("report");
    assertThat(targets.get(0).path("status").asText()).isEqualTo("up_to_date");
    assertThat(core.applied).containsExactly("web");

    String metrics = call("GET", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN)).body();
    assertThat(metrics)
        .contains("refit_targets 3.0")
        .contains("refit_updates_available 2.0")
        .contains("refit_updates_applied_total 1.0")
        .contains("refit_cycle_duration_seconds_count 1")
        .contains("refit_registry_requests_total{registry=\"registry.example\"} 3.0")
        .contains("refit_registry_errors_total{registry=\"registry.example\"} 1.0")
        .contains("refit_registry_rate_limit_remaining{registry=\"registry.example\"} 97.0");
  }

  @Test
  void applyOneOrManyThroughTheApiAndPageTheHistory() throws Exception {
    core.container("a", "registry.example/acme/a:1.0.0", Map.of());
    core.container("b", "registry.example/acme/b:1.0.0", Map.of());
    core.container("c", "registry.example/acme/c:1.0.0", Map.of());
    core.newerTag.put("a", "1.0.1");
    core.newerTag.put("b", "1.0.1");
    core.newerTag.put("c", "1.0.1");
    core.outcomes.put("c", dev.refit.rollout.RolloutOutcome.ROLLED_BACK);
    start();

    JsonNode one = api("POST", "/api/targets/a/apply", null);
    assertThat(one.path("outcome").asText()).isEqualTo("applied");
    JsonNode many = api("POST", "/api/apply", "{\"targets\": [\"b\", \"c\"]}").path("results");
    assertThat(many).extracting(n -> n.path("outcome").asText()).containsExactly("applied", "rolled_back");
    // b and c do not depend on each other: applied at once, in either order
    assertThat(core.applied).startsWith("a").containsExactlyInAnyOrder("a", "b", "c");
    HttpResponse<String> missing = call("POST", "/api/targets/nope/apply", null, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no target named 'nope'");

    JsonNode page1 = api("GET", "/api/history?limit=2", null);
    assertThat(page1.path("total").asInt()).isEqualTo(3);
    // b and c are updated side by side: the history lists them in the order they finished
    assertThat(page1.path("entries")).extracting(e -> e.path("target").asText()).containsExactlyInAnyOrder("c", "b");
    assertThat(page1.path("entries"))
        .extracting(e -> e.path("target").asText() + " " + e.path("outcome").asText() + " " + e.path("trigger").asText())
        .contains("c rolled_back api");
    JsonNode page2 = api("GET", "/api/history?limit=2&offset=2", null);
    assertThat(page2.path("entries")).extracting(e -> e.path("target").asText()).containsExactly("a");
    assertThat(page2.path("entries").path(0).path("environment").asText()).isEqualTo("local");
    assertThat(api("GET", "/api/history?environment=local", null).path("total").asInt()).isEqualTo(3);
    assertThat(api("GET", "/api/history?environment=edge-1", null).path("total").asInt()).isZero();
    assertThat(call("GET", "/api/history?limit=0", null, Map.of("Authorization", "Bearer " + TOKEN)).body())
        .contains("limit='0' must be a whole number from 1 to 500");

    String metrics = call("GET", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN)).body();
    assertThat(metrics).contains("refit_updates_applied_total 2.0").contains("refit_rollbacks_total 1.0");
  }

  @Test
  void approvalsWaitSurviveARestartAndApplyOnceApproved() throws Exception {
    core.container("web", "registry.example/acme/web:1.0.0", Map.of("refit.mode", "approval"));
    core.newerTag.put("web", "1.1.0");
    start();
    api("POST", "/api/check?wait=true", null);
    JsonNode approvals = api("GET", "/api/approvals", null).path("approvals");
    assertThat(approvals).hasSize(1);
    long id = approvals.get(0).path("id").asLong();
    assertThat(approvals.get(0).path("status").asText()).isEqualTo("pending");
    assertThat(approvals.get(0).path("toImage").asText()).isEqualTo("registry.example/acme/web:1.1.0");
    // a second cycle does not ask again
    api("POST", "/api/check?wait=true", null);
    assertThat(api("GET", "/api/approvals", null).path("approvals")).hasSize(1);
    assertThat(core.applied).isEmpty();

    // restart: same database, new daemon
    daemons.remove(0).close();
    start();
    approvals = api("GET", "/api/approvals", null).path("approvals");
    assertThat(approvals).extracting(a -> a.path("id").asLong()).containsExactly(id);

    JsonNode approved = api("POST", "/api/approvals/" + id + "/approve", null);
    assertThat(approved.path("status").asText()).isEqualTo("approved");
    assertThat(approved.path("decidedBy").asText()).isEqualTo("api:token");
    await().atMost(Duration.ofSeconds(10)).until(() -> core.applied.contains("web"));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> api("GET", "/api/approvals?status=done", null).path("approvals").size() == 1);
    HttpResponse<String> again = call("POST", "/api/approvals/" + id + "/approve", null, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("approval " + id + " is done, not pending");

    // history survives a restart too
    daemons.remove(0).close();
    start();
    assertThat(api("GET", "/api/history", null).path("entries")).hasSize(1);
  }

  @Test
  void approvalsGivenOnTheCommandLineAreNoticed() throws Exception {
    core.container("web", "registry.example/acme/web:1.0.0", Map.of("refit.mode", "approval"));
    core.newerTag.put("web", "1.1.0");
    start();
    api("POST", "/api/check?wait=true", null);
    long id = api("GET", "/api/approvals", null).path("approvals").get(0).path("id").asLong();
    // what `refit approve <id>` does: write the database
    new dev.refit.store.Approvals(databases.open(dir), clock).decide(id, true, "cli");
    await().atMost(Duration.ofSeconds(10)).until(() -> core.applied.contains("web"));
  }

  @Test
  void minimumAgeAndMaintenanceWindowsHoldUpdatesBack() throws Exception {
    core.container("young", "registry.example/acme/young:1.0.0", Map.of("refit.enable", "true", "refit.min-age", "2d"));
    core.container("windowed", "registry.example/acme/windowed:1.0.0", Map.of("refit.enable", "true"));
    core.newerTag.put("young", "1.0.1");
    core.newerTag.put("windowed", "1.0.1");
    // 12:00 now; the window opens at 22:00 and lasts two hours
    start("update.windows=0 22 * * * for 2h", "schedule.timezone=UTC");
    api("POST", "/api/check?wait=true", null);
    JsonNode targets = api("GET", "/api/targets", null).path("targets");
    JsonNode young = targets.get(1);
    assertThat(young.path("plan").path("verdict").asText()).isEqualTo("wait");
    assertThat(young.path("plan").path("reason").asText()).isEqualTo("seen 0s ago; minimum age is 2d");
    assertThat(young.path("plan").path("retryAt").asText()).isEqualTo("2026-03-06T12:00:00Z");
    JsonNode windowed = targets.get(0);
    assertThat(windowed.path("plan").path("verdict").asText()).isEqualTo("wait");
    assertThat(windowed.path("plan").path("reason").asText())
        .isEqualTo("outside the maintenance windows; next opens 2026-03-04T22:00:00Z");
    assertThat(core.applied).isEmpty();

    clock.advance(Duration.ofHours(11)); // 23:00: window open, "young" still too young
    api("POST", "/api/check?wait=true", null);
    assertThat(core.applied).containsExactly("windowed");

    clock.advance(Duration.ofDays(2)); // old enough, and 23:00 again
    api("POST", "/api/check?wait=true", null);
    assertThat(core.applied).containsExactly("windowed", "young");
  }

  @Test
  void webhooksNeedTheirSecretAndRecheckOnlyTheImagesTheyName() throws Exception {
    core.container("web", "registry.example/acme/web:1.0.0", Map.of());
    core.container("api", "registry.example/acme/api:1.0.0", Map.of());
    start();
    String body = "{\"image\": \"registry.example/acme/web:9.9.9\"}";

    HttpResponse<String> unsigned = call("POST", "/webhooks/generic", body, Map.of());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = call("POST", "/webhooks/generic/not-the-secret", body, Map.of());
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> malformed = call("POST", "/webhooks/generic/hook-secret", "{\"imagine\": 1}", Map.of());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("expected {\"image\": \"<name>\"} or {\"images\": [...]}");
    HttpResponse<String> unknown = call("POST", "/webhooks/gitlab/hook-secret", body, Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    Thread.sleep(200);
    assertThat(core.checked).isEmpty();

    HttpResponse<String> accepted = call("POST", "/webhooks/generic/hook-secret", body, Map.of());
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).path("recheck").get(0).asText()).isEqualTo("registry.example/acme/web");
    await().atMost(Duration.ofSeconds(5)).until(() -> !core.checked.isEmpty());
    assertThat(core.checked).containsExactly(List.of("web"));

    byte[] ghcr = "{\"action\":\"published\",\"package\":{\"package_type\":\"CONTAINER\",\"package_version\":{\"package_url\":\"registry.example/acme/api:2.0.0\"}}}".getBytes(StandardCharsets.UTF_8);
    start("webhooks.ghcr.secret=hmac-secret");
    HttpResponse<String> signed = call("POST", "/webhooks/ghcr", new String(ghcr, StandardCharsets.UTF_8),
        Map.of("X-GitHub-Event", "package", "X-Hub-Signature-256", WebhookSecrets.signature("hmac-secret", ghcr)));
    assertThat(signed.statusCode()).isEqualTo(202);
    HttpResponse<String> badSignature = call("POST", "/webhooks/ghcr", new String(ghcr, StandardCharsets.UTF_8),
        Map.of("X-GitHub-Event", "package", "X-Hub-Signature-256", WebhookSecrets.signature("hook-secret", ghcr)));
    assertThat(badSignature.statusCode()).isEqualTo(401);
    await().atMost(Duration.ofSeconds(5)).until(() -> core.checked.size() == 2);
    assertThat(core.checked.get(1)).containsExactly("api");
    String metrics = call("GET", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN)).body();
    assertThat(metrics).contains("refit_webhooks_total{kind=\"ghcr\",status=\"401\"} 1.0");
  }

  private static String error(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/json");
    return JSON.readTree(r.body()).path("error").asText();
  }

  @Test
  void everyErrorIsTheDocumentedJson() throws Exception {
    start();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);

    HttpResponse<String> unknown = call("GET", "/api/nothing-here", null, auth);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).isEqualTo("no such endpoint: GET /api/nothing-here");
    HttpResponse<String> wrongMethod = call("GET", "/api/check", null, auth);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(error(wrongMethod)).isEqualTo("GET is not allowed on /api/check");
    HttpResponse<String> tooLarge = call("POST", "/api/check", "{\"targets\": [\"" + "x".repeat(1_100_000) + "\"]}", auth);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(error(tooLarge)).isEqualTo("the request body is larger than 1000000 bytes");
    HttpResponse<String> hugeHeaders = call("GET", "/healthz", null, Map.of("X-Padding", "y".repeat(20_000)));
    assertThat(hugeHeaders.statusCode()).isEqualTo(431);
    assertThat(error(hugeHeaders)).startsWith("request header fields too large");
    // a handler's own 404 keeps its message
    HttpResponse<String> noTarget = call("POST", "/api/targets/ghost/apply", null, auth);
    assertThat(noTarget.statusCode()).isEqualTo(404);
    assertThat(error(noTarget)).isEqualTo("no target named 'ghost'");
  }

  @Test
  void requestBodiesAreStrictlyTyped() throws Exception {
    core.container("web", "registry.example/acme/web:1.0.0", Map.of());
    start();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);

    HttpResponse<String> notAList = call("POST", "/api/check", "{\"targets\":\"x\"}", auth);
    assertThat(notAList.statusCode()).isEqualTo(400);
    assertThat(error(notAList)).startsWith("targets must be a list of strings");
    HttpResponse<String> typo = call("POST", "/api/check", "{\"target\":[\"web\"]}", auth);
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(error(typo)).startsWith("unknown field 'target'");
    HttpResponse<String> numbers = call("POST", "/api/check", "{\"images\":[1]}", auth);
    assertThat(numbers.statusCode()).isEqualTo(400);
    HttpResponse<String> allAsText = call("POST", "/api/apply", "{\"all\":\"yes\"}", auth);
    assertThat(allAsText.statusCode()).isEqualTo(400);
    assertThat(error(allAsText)).isEqualTo("all must be true or false");
    Thread.sleep(200);
    assertThat(core.checked).as("no cycle was queued").isEmpty();
  }

  @Test
  void aPortInUseIsOneLineNamingTheSetting() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("serve.port=" + taken.getLocalPort()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("serve.address/serve.port: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void headOfMetricsNeedsCredentialsLikeGet() throws Exception {
    start();
    assertThat(call("HEAD", "/metrics", null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(call("HEAD", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRefusedWebhookIsLoggedOnceAtWarnWithoutTheSecret() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      start();
      call("POST", "/webhooks/quay/wrong-secret-value", "{}", Map.of());
      call("POST", "/webhooks/quay/hook-secret", "{\"docker_url\": 1}", Map.of());
      List<String> warnings =
          appender.list.stream()
              .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
              .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
              .toList();
      assertThat(warnings)
          .containsExactly(
              "webhook quay refused with 401: missing or wrong webhook secret",
              "webhook quay refused with 400: not a Quay repository push payload: updated_tags is missing");
      assertThat(String.join("\n", warnings)).doesNotContain("hook-secret").doesNotContain("wrong-secret-value");
    } finally {
      logger.detachAppender(appender);
    }
  }
}
