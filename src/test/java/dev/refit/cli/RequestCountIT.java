package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.RegistryRequest;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 containers over 50 images: each image costs one HEAD (digest policy) or one tag list (semver
 * policy), whatever the number of containers running it, counted in the registry's own log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestCountIT {
  private static final int IMAGES_PER_KIND = 25;
  private static final int CONTAINERS_PER_IMAGE = 4;

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private DockerClient docker;
  private TestImages images;
  private ContainerFixture containers;
  private RegistryProcess registry;

  @BeforeAll
  void setUp() throws Exception {
    docker = env.dockerClient();
    images = new TestImages(env);
    containers = new ContainerFixture(docker);
    containers.removeAll();
    registry = RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("s"))).start();
    for (int i = 0; i < IMAGES_PER_KIND; i++) {
      String rolling = registry.address() + "/rolling-" + i + ":latest";
      String versioned = registry.address() + "/versioned-" + i + ":1.0.0";
      images.importAndPush(rolling, Map.of("i", "r" + i), TestImages.SLEEP);
      images.importAndPush(versioned, Map.of("i", "v" + i), TestImages.SLEEP);
      for (int c = 0; c < CONTAINERS_PER_IMAGE; c++) {
        containers.create("r" + i + "-" + c, rolling, Map.of());
        containers.create("v" + i + "-" + c, versioned, Map.of());
      }
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    containers.removeAll();
    images.close();
    registry.close();
    docker.close();
  }

  @Test
  void oneRequestPerImage() throws Exception {
    registry.clearLog();
    RefitCli refit =
        RefitCli.forTestEngine(
            env,
            Files.createDirectories(tmp.resolve("docker-config")),
            Files.createDirectories(tmp.resolve("state")));

    RefitCli.Run run = refit.run("check", "--all", "--json");

    JsonNode summary = new ObjectMapper().readTree(run.out()).path("summary");
    assertThat(summary.path("targets").asInt()).isEqualTo(200);
    assertThat(summary.path("upToDate").asInt()).isEqualTo(200);
    assertThat(run.exitCode()).isZero();
    List<RegistryRequest> requests = registry.requestLog();
    assertThat(requests).filteredOn(r -> r.matches("HEAD", "/v2/rolling-\\d+/manifests/latest"))
        .hasSize(IMAGES_PER_KIND)
        .doesNotHaveDuplicates();
    assertThat(requests).filteredOn(r -> r.matches("GET", "/v2/versioned-\\d+/tags/list"))
        .hasSize(IMAGES_PER_KIND)
        .doesNotHaveDuplicates();
    assertThat(requests).filteredOn(r -> r.matches("GET", "/v2/")).hasSize(1);
    assertThat(requests).hasSize(2 * IMAGES_PER_KIND + 1);
  }
}
