package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.testing.RefitImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refit's own image as scripts/image builds it: small, labelled, non-root, reproducible; it refuses
 * a socket it cannot use in one line, works with {@code --group-add}, and its HEALTHCHECK (busybox
 * wget, no JVM) turns healthy on {@code /healthz}, which names the same build as {@code --version}.
 */
class ImageIT {
  private static UpdateTestbed bed;
  private static RefitImage image;
  private static JsonNode inspect;

  @BeforeAll
  static void build() {
    bed = new UpdateTestbed("image-it", null);
    image = RefitImage.get();
    inspect = bed.api.inspectImage(image.reference());
  }

  @AfterAll
  static void tearDown() {
    bed.close();
  }

  @Test
  void isSmallLayeredLabelledAndNonRoot() {
    JsonNode config = inspect.path("Config");
    // ~84 MB of runtime and libraries, ~61 MB of class-data archives, serve's and the agent's
    // (docs/footprint.md)
    assertThat(inspect.path("Size").asLong()).as("uncompressed size").isLessThanOrEqualTo(175_000_000L);
    // base, then Jib's dependencies, Refit's jar and extra files (the class-data archive among them)
    assertThat(inspect.path("RootFS").path("Layers").size()).isGreaterThanOrEqualTo(4);
    assertThat(config.path("User").asText()).isEqualTo("10001:10001");
    assertThat(config.path("Cmd").toString()).isEqualTo("[\"serve\"]");
    assertThat(config.path("Volumes").has("/var/lib/refit")).isTrue();
    assertThat(config.path("Healthcheck").path("Test").toString()).contains("/opt/refit/bin/healthcheck");
    JsonNode labels = config.path("Labels");
    assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(image.version());
    assertThat(labels.path("org.opencontainers.image.revision").asText()).matches("[0-9a-f]{40}(-dirty)?");
    assertThat(labels.path("org.opencontainers.image.created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(labels.has("org.opencontainers.image.source")).isTrue();
    assertThat(bed.api.inspectImage(RefitImage.NAME + ":latest").path("Id").asText()).isEqualTo(image.id());
  }

  @Test
  void theSameCommitBuildsTheSameImageTwice() {
    assertThat(RefitImage.rebuild(UpdateTestbed.ENV)).isEqualTo(image.id());
  }

  @Test
  void versionNamesTheCommitAndTheBuildTimeOfTheLabels() throws Exception {
    String name = "refit-image-version";
    // -Xshare:on: the JVM refuses to start unless it maps the image's class-data archive (a stale
    // one would be ignored silently, and cost the daemon ~10 MB)
    String id = bed.run(name, ("{\"Image\": \"%s\", \"Cmd\": [\"--version\"], \"Env\": [\"JAVA_OPTS=-Xshare:on\"],"
        + " \"HostConfig\": {\"NetworkMode\": \"none\"}}").formatted(image.reference()), Map.of());
    awaitExit(id);
    JsonNode labels = inspect.path("Config").path("Labels");
    assertThat(bed.logs(name).lines())
        .containsExactly(
            "refit " + image.version(),
            "commit " + labels.path("org.opencontainers.image.revision").asText(),
            "built " + labels.path("org.opencontainers.image.created").asText());
  }

  @Test
  void serveMapsAClassDataArchiveOfItsOwn() throws Exception {
    String name = "refit-image-serve-archive";
    // --version maps the agent's archive (above); serve has its own, which must be current too
    String id = bed.run(name, ("{\"Image\": \"%s\", \"Cmd\": [\"serve\", \"--help\"], \"Env\": [\"JAVA_OPTS=-Xshare:on\"],"
        + " \"HostConfig\": {\"NetworkMode\": \"none\"}}").formatted(image.reference()), Map.of());
    assertThat(awaitExit(id).path("ExitCode").asInt()).as(bed.logs(name)).isZero();
  }

  @Test
  void refusesInOneLineWhenTheSocketIsNotReadable() throws Exception {
    String name = "refit-image-no-group";
    String id = bed.run(name, """
        {"Image": "%s", "HostConfig": {"NetworkMode": "none", "Binds": ["%s:/var/run/docker.sock"]}}
        """.formatted(image.reference(), socket()), Map.of());
    JsonNode state = awaitExit(id);
    assertThat(state.path("ExitCode").asInt()).isNotZero();
    List<String> lines = bed.logs(name).lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("refit: cannot use the Docker socket /var/run/docker.sock")
        .contains("uid 10001")
        .contains("--group-add " + socketGid());
  }

  @Test
  void runsAsNonRootWithTheSocketsGroupAndTurnsHealthy() throws Exception {
    String name = "refit-image-serve";
    int port = freePort();
    // The image's own probe, only more often than its 30 s: the test waits for the first result.
    String id = bed.run(name, """
        {"Image": "%s", "Env": ["REFIT_SERVE_PORT=%d", "REFIT_SCHEDULE=off", "REFIT_CHECK_AT_START=false",
                 "REFIT_DOCKER_EVENTS=false", "REFIT_API_ANONYMOUS=true"],
         "Healthcheck": {"Test": ["CMD", "/opt/refit/bin/healthcheck"], "Interval": 1000000000, "Retries": 3},
         "HostConfig": {"NetworkMode": "host", "GroupAdd": ["%s"],
           "Binds": ["%s:/var/run/docker.sock", "refit-image-it-state:/var/lib/refit"]}}
        """.formatted(image.reference(), port, socketGid(), socket()), Map.of());
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String health = "";
      while (System.nanoTime() < deadline) {
        JsonNode state = bed.inspect(id).path("State");
        assertThat(state.path("Running").asBoolean()).as("running; logs:\n%s", bed.logs(name)).isTrue();
        health = state.path("Health").path("Status").asText();
        if (health.equals("healthy")) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      assertThat(health).as("health; logs:\n%s", bed.logs(name)).isEqualTo("healthy");
      assertThat(bed.exec(name, "/opt/refit/bin/busybox", "id").strip())
          .startsWith("uid=10001(refit) gid=10001(refit)").contains(socketGid());
      JsonNode healthz = get("http://127.0.0.1:" + port + "/healthz");
      JsonNode labels = inspect.path("Config").path("Labels");
      assertThat(healthz.path("version").asText()).isEqualTo(image.version());
      assertThat(healthz.path("commit").asText()).isEqualTo(labels.path("org.opencontainers.image.revision").asText());
      assertThat(healthz.path("buildTime").asText()).isEqualTo(labels.path("org.opencontainers.image.created").asText());
      assertThat(get("http://127.0.0.1:" + port + "/api/version")).isEqualTo(
          UpdateTestbed.json("{\"version\":\"%s\",\"commit\":\"%s\",\"buildTime\":\"%s\"}".formatted(
              healthz.path("version").asText(), healthz.path("commit").asText(), healthz.path("buildTime").asText())));
      // the state went to the volume, as the non-root user
      assertThat(bed.exec(name, "/opt/refit/bin/busybox", "ls", "/var/lib/refit")).isNotBlank();
    } finally {
      bed.docker.removeContainerCmd(id).withForce(true).exec();
      bed.docker.removeVolumeCmd("refit-image-it-state").exec();
    }
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
    return UpdateTestbed.json(r.body());
  }

  private JsonNode awaitExit(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = bed.inspect(id).path("State");
      if (!state.path("Running").asBoolean() && !state.path("StartedAt").asText().startsWith("0001")) {
        return state;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("the container did not exit within 60s");
  }

  static String socket() {
    return UpdateTestbed.ENV.dockerHost().replaceFirst("^unix://", "");
  }

  static String socketGid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of(socket()), "unix:gid"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
