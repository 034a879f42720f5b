package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.Http;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's deploy hook and the API's exact versions on the real engine: {@code POST /webhooks/generic}
 * with {@code {"image", "tag"}} and the deploy secret moves only the container labelled {@code
 * refit.deploy-hook=true} to exactly that tag; the same body with the generic secret, or a target
 * without the label, never trusts the tag. Then the API applies a version and rolls it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployHookIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GENERIC_SECRET = "generic-hook-secret";
  private static final String DEPLOY_SECRET = "deploy-hook-secret";

  /** Stops on SIGTERM (a bare sleep as PID 1 ignores it): each stop takes no 10 s. */
  private static final java.util.List<String> STOPS_AT_ONCE =
      java.util.List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

  @TempDir static Path tmp;

  private DaemonTestbed testbed;
  private DockerClient docker;
  private TestImages images;
  private ContainerFixture containers;
  private RegistryProcess registry;
  private TestDaemon daemon;

  @BeforeAll
  void setUp() throws Exception {
    testbed = new DaemonTestbed();
    docker = testbed.docker;
    images = testbed.images;
    containers = testbed.containers;
    registry = testbed.startRegistry(RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("storage"))));
    daemon =
        testbed.startDaemon(
            tmp, "update.stability=1s", "webhooks.generic.secret=" + GENERIC_SECRET,
            "webhooks.deploy.secret=" + DEPLOY_SECRET);
  }

  @AfterAll
  void tearDown() throws Exception {
    testbed.close();
  }

  private String ref(String repositoryAndTag) {
    return testbed.ref(repositoryAndTag);
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    return Http.post(daemon.url(path), headers, body);
  }

  private String image(String container) {
    return docker.inspectContainerCmd(container).exec().getConfig().getImage();
  }

  @Test
  void theDeployHookMovesOnlyTargetsThatOptedInToExactlyTheTag() throws Exception {
    for (String v : new String[] {"41", "42", "43"}) {
      images.importAndPush(ref("ci:" + v), Map.of("build", v), STOPS_AT_ONCE);
    }
    // both would stay on 41 by policy (regex that matches only 41): only the tag can move them
    Map<String, String> policy = Map.of("refit.policy", "regex:^41$");
    containers.run("hook-in", ref("ci:41"), Map.of("refit.policy", "regex:^41$", "refit.deploy-hook", "true"));
    containers.run("hook-out", ref("ci:41"), policy);
    String body = "{\"image\": \"" + registry.address() + "/ci\", \"tag\": \"42\"}";

    // the generic secret: the tag is not trusted, only a re-check by policy
    HttpResponse<String> generic = post("/webhooks/generic", Map.of("X-Refit-Token", GENERIC_SECRET), body);
    assertThat(generic.statusCode()).as(generic.body()).isEqualTo(202);
    assertThat(JSON.readTree(generic.body()).path("note").asText()).contains("deploy hook's secret");
    // a wrong deploy secret changes nothing either
    assertThat(post("/webhooks/generic", Map.of("X-Refit-Token", "guess"), body).statusCode()).isEqualTo(401);

    HttpResponse<String> deploy = post("/webhooks/generic", Map.of("Authorization", "Bearer " + DEPLOY_SECRET), body);
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
    assertThat(JSON.readTree(deploy.body()).path("deploy").asText()).isEqualTo("42");

    await().atMost(Duration.ofSeconds(60)).until(() -> daemon.api("GET", "/api/history").path("total").asInt() > 0);
    JsonNode entry = daemon.api("GET", "/api/history").path("entries").get(0);
    assertThat(entry.path("target").asText()).isEqualTo("hook-in");
    assertThat(entry.path("outcome").asText()).as(entry.toString()).isEqualTo("applied");
    assertThat(entry.path("toImage").asText()).isEqualTo(ref("ci:42"));
    assertThat(entry.path("trigger").asText()).contains("webhook:deploy");
    assertThat(image("hook-in")).isEqualTo(ref("ci:42"));
    assertThat(image("hook-out")).isEqualTo(ref("ci:41"));
    assertThat(daemon.api("GET", "/api/history").path("total").asInt()).isEqualTo(1);

    // the API: an exact version for the target without the label, then its rollback
    Map<String, String> auth = Map.of("Authorization", "Bearer " + TestDaemon.TOKEN);
    HttpResponse<String> apply = post("/api/targets/hook-out/apply", auth, "{\"version\": \"43\"}");
    assertThat(apply.statusCode()).as(apply.body()).isEqualTo(200);
    assertThat(JSON.readTree(apply.body()).path("outcome").asText()).isEqualTo("applied");
    assertThat(image("hook-out")).isEqualTo(ref("ci:43"));

    HttpResponse<String> down = post("/api/targets/hook-out/apply", auth, "{\"version\": \"42\"}");
    assertThat(down.statusCode()).as(down.body()).isEqualTo(422);
    assertThat(JSON.readTree(down.body()).path("error").asText()).contains("a downgrade", "allowDowngrade");
    HttpResponse<String> unknown = post("/api/targets/hook-out/apply", auth, "{\"version\": \"44\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
    assertThat(JSON.readTree(unknown.body()).path("error").asText())
        .isEqualTo("hook-out: tag '44' does not exist in " + registry.address() + "/ci");

    // with its data: hook-out keeps no volume snapshots, so it is refused and stays on 43
    HttpResponse<String> withData = post("/api/targets/hook-out/rollback", auth, "{\"withData\": true}");
    assertThat(withData.statusCode()).as(withData.body()).isEqualTo(200);
    assertThat(JSON.readTree(withData.body()).path("outcome").asText()).isEqualTo("failed");
    assertThat(JSON.readTree(withData.body()).path("message").asText())
        .contains("no volume snapshot of hook-out kept from when it ran " + ref("ci:41"), "nothing changed");
    assertThat(image("hook-out")).isEqualTo(ref("ci:43"));
    HttpResponse<String> badFlag = post("/api/targets/hook-out/rollback", auth, "{\"withData\": \"yes\"}");
    assertThat(badFlag.statusCode()).as(badFlag.body()).isEqualTo(400);

    HttpResponse<String> rollback = post("/api/targets/hook-out/rollback", auth, "");
    assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
    assertThat(JSON.readTree(rollback.body()).path("message").asText()).contains("rollback to history #");
    assertThat(image("hook-out")).isEqualTo(ref("ci:41"));
    JsonNode last = daemon.api("GET", "/api/history").path("entries").get(0);
    assertThat(last.path("trigger").asText()).isEqualTo("api:rollback");
    assertThat(last.path("toImage").asText()).isEqualTo(ref("ci:41"));
  }
}
