package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.testing.Http;
import dev.refit.testing.RefitImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yml as shipped, started with docker-compose (1.29, Debian's) on the test engine:
 * Refit from the project's image, non-root with the socket's group, its API token a Docker secret
 * (a {@code *_FILE} variable), updates a labelled container after a push. The only override is
 * what the test engine needs: the host network (the registry is on 127.0.0.1) and a free port.
 */
class ComposeIT {
  private static final String PROJECT = "refitcomposeit";
  private static final String TOKEN = "compose-it-token-4f1c";

  private static UpdateTestbed bed;
  private static RefitImage image;
  private static Path dir;
  private static int port;

  @BeforeAll
  static void setUp() throws IOException {
    bed = new UpdateTestbed("compose-it", null);
    image = RefitImage.get();
    dir = bed.dir;
    port = ImageIT.freePort();
    Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.writeString(dir.resolve("config.json"), "{\"auths\": {}}\n");
    Files.writeString(dir.resolve("override.yml"), """
        services:
          refit:
            network_mode: host
            labels:
              refit.enable: "false"
            environment:
              REFIT_SERVE_PORT: "%d"
              REFIT_OPT_IN: "true"
              REFIT_SCHEDULE: "off"
              REFIT_UPDATE_STABILITY: "2s"
        """.formatted(port));
  }

  @AfterAll
  static void tearDown() throws Exception {
    compose("down", "-v", "--timeout", "2");
    bed.close();
  }

  @Test
  void refitFromComposeUpdatesALabelledContainerAfterAPush() throws Exception {
    String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("web:1.0.0", serve);
    String appId = bed.run("compose-web", """
        {"Image": "%s", "Labels": {"refit.enable": "true"}, "HostConfig": {"NetworkMode": "none"}}
        """.formatted(bed.image("web:1.0.0")), Map.of());

    String up = compose("up", "-d");
    String refit = PROJECT + "_refit_1";
    awaitHealthy(refit, up);
    JsonNode created = bed.inspect(refit);
    assertThat(created.path("Config").path("User").asText()).isEqualTo("10001:10001");
    assertThat(created.path("HostConfig").path("GroupAdd").toString()).contains(ImageIT.socketGid());
    assertThat(created.path("Config").path("Env").toString())
        .contains("REFIT_API_TOKEN_FILE=/run/secrets/refit_api_token")
        .doesNotContain(TOKEN);

    bed.publish("web:1.0.1", "CMD [\"sh\",\"-c\",\"" + SERVE + " # 1.0.1\"]");
    HttpResponse<String> cycle =
        Http.send(
            "POST",
            "http://127.0.0.1:" + port + "/api/check?wait=true",
            Map.of("Authorization", "Bearer " + TOKEN),
            Duration.ofSeconds(120));
    assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode web = null;
    while (System.nanoTime() < deadline) {
      web = bed.api.findContainer("compose-web").orElse(null);
      if (web != null && web.path("Config").path("Image").asText().equals(bed.image("web:1.0.1"))
          && web.path("State").path("Running").asBoolean()) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    assertThat(web).as("compose-web; refit's logs:\n%s", bed.logs(refit)).isNotNull();
    assertThat(web.path("Config").path("Image").asText()).as("refit's logs:\n%s", bed.logs(refit))
        .isEqualTo(bed.image("web:1.0.1"));
    assertThat(web.path("Id").asText()).isNotEqualTo(appId);
    assertThat(bed.exec(refit, "refit", "history")).contains("compose-web").contains("applied");
    assertThat(bed.logs(refit)).doesNotContain(TOKEN);
  }

  private static void awaitHealthy(String container, String upOutput) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = bed.api.findContainer(container).map(c -> c.path("State")).orElse(null);
      if (state != null && state.path("Health").path("Status").asText().equals("healthy")) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError(container + " did not turn healthy; docker-compose up said:\n" + upOutput
        + "\nlogs:\n" + bed.logs(container));
  }

  /** Runs docker-compose with the shipped file and the test's override; returns its output. */
  static String compose(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "docker-compose", "-p", PROJECT, "-f", Path.of("deploy/compose.yml").toAbsolutePath().toString(),
        "-f", dir.resolve("override.yml").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("DOCKER_HOST", UpdateTestbed.ENV.dockerHost());
    env.put("REFIT_IMAGE", image.reference());
    env.put("DOCKER_GID", ImageIT.socketGid());
    env.put("DOCKER_SOCKET", ImageIT.socket());
    env.put("DOCKER_CONFIG_JSON", dir.resolve("config.json").toString());
    env.put("REFIT_API_TOKEN_PATH", dir.resolve("token").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("docker-compose " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }
}
