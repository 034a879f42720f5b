package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerFixtureIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static DockerClient docker;
  private static ContainerFixture containers;

  @BeforeAll
  static void setUp() {
    docker = ENV.dockerClient();
    containers = new ContainerFixture(docker);
  }

  @AfterAll
  static void tearDown() throws Exception {
    containers.close();
    docker.close();
  }

  @Test
  void runsAndRemovesLabelledContainers() {
    String running = containers.run("fixture-running", ENV.image("app:1.0.0"), Map.of("role", "web"));
    String created = containers.create("fixture-created", ENV.image("app:1.0.1"), Map.of());

    InspectContainerResponse web = docker.inspectContainerCmd(running).exec();
    assertThat(web.getState().getRunning()).isTrue();
    assertThat(web.getName()).isEqualTo("/fixture-running");
    assertThat(web.getHostConfig().getNetworkMode()).isEqualTo("none");
    assertThat(web.getConfig().getLabels())
        .containsEntry("role", "web")
        .containsEntry(ContainerFixture.TEST_LABEL, "true")
        .containsEntry(TestEnvironment.VERSION_LABEL, "1.0.0");
    assertThat(docker.inspectContainerCmd(created).exec().getState().getStatus()).isEqualTo("created");

    containers.removeAll();

    assertThat(docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerFixture.TEST_LABEL, "true")).exec()).isEmpty();
  }

  @Test
  void pullsAnImageTheEngineDoesNotHave() throws Exception {
    Path storage = Files.createTempDirectory(ENV.dir(), "containers-it-");
    try (RegistryProcess registry = RegistryProcess.builder().storage(storage).start();
        TestImages images = new TestImages(ENV)) {
      String image = registry.address() + "/fixture/pulled:1";
      String digest = images.importAndPush(image, Map.of("pulled", "yes"), TestImages.SLEEP);
      docker.removeImageCmd(image).withForce(true).exec();

      String id = containers.create("fixture-pulled", image, Map.of());

      assertThat(docker.inspectContainerCmd(id).exec().getConfig().getLabels())
          .containsEntry("pulled", "yes");
      assertThat(docker.inspectImageCmd(image).exec().getRepoDigests())
          .contains(registry.address() + "/fixture/pulled@" + digest);
    } finally {
      containers.removeAll();
    }
  }
}
