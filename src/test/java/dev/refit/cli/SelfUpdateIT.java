package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.testing.Http;
import dev.refit.testing.RefitImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code refit serve} in its own image (built by scripts/image) updates its own container: the old
 * Refit hands the update to a helper from the new image, which recreates the Refit container; the
 * new Refit removes the helper. A broken new Refit (its command fails) is rolled back by the helper,
 * and the history of the Refit that comes back says so. Versions 1.0.1 and 1.0.2 are the project's
 * image with another label (and, for 1.0.2, a command that fails), pushed to a private registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfUpdateIT {
  private static final String NAME = "refit-self";
  private static final String STATE_VOLUME = "refit-self-it-state";
  private static final String TOKEN = "self-update-it-token";

  private static UpdateTestbed bed;
  private static int port;

  @BeforeAll
  static void refitImages() throws Exception {
    bed = new UpdateTestbed("self-update-it", null);
    RefitImage image = RefitImage.get();
    port = ImageIT.freePort();
    docker(bed.dir, "tag", image.reference(), bed.image("refit:1.0.0"));
    docker(bed.dir, "push", bed.image("refit:1.0.0"));
    derive(bed.dir, bed, "refit:1.0.1", "LABEL org.opencontainers.image.version=1.0.1");
  }

  /** The project's image with Dockerfile-style changes, pushed, and gone from the engine. */
  static void derive(Path dir, UpdateTestbed bed, String repoAndTag, String... changes) throws Exception {
    String container = "refit-derive";
    docker(dir, "create", "--name", container, RefitImage.get().reference());
    List<String> commit = new ArrayList<>(List.of("commit"));
    for (String change : changes) {
      commit.add("--change");
      commit.add(change);
    }
    commit.add(container);
    commit.add(bed.image(repoAndTag));
    docker(dir, commit.toArray(String[]::new));
    docker(dir, "rm", container);
    docker(dir, "push", bed.image(repoAndTag));
    docker(dir, "rmi", bed.image(repoAndTag));
  }

  @AfterAll
  static void tearDown() {
    bed.close();
    try {
      bed.docker.removeContainerCmd(NAME).withForce(true).exec();
    } catch (RuntimeException ignored) {
      // gone with the testbed
    }
    try {
      bed.docker.removeVolumeCmd(STATE_VOLUME).exec();
    } catch (RuntimeException ignored) {
      // never created
    }
  }

  @Test
  @Order(1)
  void refitInAContainerReplacesItselfWithItsNewImage() throws Exception {
    String socket = ImageIT.socket();
    String oldId =
        bed.run(
            NAME,
            """
            {"Image": "%s",
             "Env": ["REFIT_UPDATE_STABILITY=3s", "REFIT_OPT_IN=true", "REFIT_SCHEDULE=off",
                     "REFIT_SERVE_PORT=%d", "REFIT_API_TOKEN=%s"],
             "Labels": {"refit.enable": "true"},
             "Healthcheck": {"Test": ["CMD", "/opt/refit/bin/healthcheck"], "Interval": 1000000000,
                             "Retries": 3},
             "HostConfig": {"NetworkMode": "host", "GroupAdd": ["%s"],
               "Binds": ["%s:/var/run/docker.sock", "%s:/var/lib/refit"]}}
            """
                .formatted(bed.image("refit:1.0.0"), port, TOKEN, ImageIT.socketGid(), socket, STATE_VOLUME),
            Map.of());
    // 1.0.2 is not pushed yet: the check at start finds 1.0.1
    JsonNode updated = awaitRefit(c -> !c.path("Id").asText().equals(oldId)
        && c.path("Config").path("Image").asText().equals(bed.image("refit:1.0.1")), oldId);

    assertThat(updated.path("Config").path("Labels").path("org.opencontainers.image.version").asText())
        .isEqualTo("1.0.1");
    assertThat(updated.path("Config").path("User").asText()).isEqualTo("10001:10001");
    assertThat(updated.path("HostConfig").path("GroupAdd").toString()).contains(ImageIT.socketGid());
    assertThat(texts(updated.path("HostConfig").path("Binds")))
        .containsExactly(socket + ":/var/run/docker.sock", STATE_VOLUME + ":/var/lib/refit");
    assertThat(bed.exists(oldId)).isFalse();
    assertThat(bed.exists(NAME + "-refit-old")).isFalse();
    // awaitRefit saw the helper gone: the new Refit removed it (the daemon does not log that)
    assertThat(bed.exec(NAME, "refit", "history")).contains(NAME).contains("applied").contains(bed.image("refit:1.0.1"));
  }

  @Test
  @Order(2)
  void aBrokenNewRefitIsRolledBackAndTheHistorySaysSo() throws Exception {
    String before = bed.inspect(NAME).path("Id").asText();
    assertThat(bed.inspect(NAME).path("Config").path("Image").asText()).isEqualTo(bed.image("refit:1.0.1"));
    // the broken image only exists from now on; the API asks for a cycle
    derive(bed.dir, bed, "refit:1.0.2", "LABEL org.opencontainers.image.version=1.0.2",
        "CMD [\"serve\", \"--no-such-option\"]");
    HttpResponse<String> cycle =
        Http.send(
            "POST",
            "http://127.0.0.1:" + port + "/api/check?wait=true",
            Map.of("Authorization", "Bearer " + TOKEN),
            Duration.ofSeconds(120));
    assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(200);

    // the helper tries 1.0.2, whose Refit exits, and puts 1.0.1 back
    JsonNode back = awaitRefit(c -> c.path("Config").path("Image").asText().equals(bed.image("refit:1.0.1"))
        && !bed.exists(NAME + "-refit-helper") && historyMentions("1.0.2"), before);
    assertThat(back.path("State").path("Running").asBoolean()).isTrue();
    String history = bed.exec(NAME, "refit", "history");
    assertThat(history).contains(bed.image("refit:1.0.2")).containsPattern("rolled.back|rollback");
  }

  private static boolean historyMentions(String version) {
    try {
      return bed.exec(NAME, "refit", "history").contains("refit:" + version);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Waits until the container named refit-self satisfies the condition, runs and has no helper. */
  private static JsonNode awaitRefit(Predicate<JsonNode> condition, String oldId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    JsonNode current = null;
    while (System.nanoTime() < deadline) {
      current = bed.api.findContainer(NAME).orElse(null);
      if (current != null
          && current.path("State").path("Running").asBoolean()
          && !bed.exists(NAME + "-refit-old")
          && !bed.exists(NAME + "-refit-helper")
          && condition.test(current)) {
        return current;
      }
      TimeUnit.MILLISECONDS.sleep(1000);
    }
    throw new AssertionError(
        "Refit did not get where expected (old id " + oldId + "); containers: "
            + bed.docker.listContainersCmd().withShowAll(true).exec().stream()
                .map(c -> List.of(c.getNames()) + " " + c.getImage() + " " + c.getStatus())
                .toList()
            + "\nlogs of " + NAME + ":\n" + bed.logs(NAME)
            + "\nlogs of the helper:\n" + bed.logs(NAME + "-refit-helper")
            + "\nlast inspect: " + current);
  }

  /** The docker CLI against the test engine (tag, commit and push as a user would). */
  static String docker(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", UpdateTestbed.ENV.dockerHost());
    pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
