package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import dev.refit.docker.DockerEngine;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A container that a restart policy has started again no longer shows its exit code (the engine
 * resets {@code State.ExitCode}); the engine's {@code die} events still tell it.
 */
class LastExitCodeIT {
  private static final TestEnvironment ENV = TestEnvironment.get();

  @Test
  void theEventsTellTheExitCodeTheStateForgotOnRestart() {
    DockerClient docker = ENV.dockerClient();
    DockerEngine engine = DockerEngine.connect(ENV.dockerHost());
    try (TestImages images = new TestImages(ENV);
        ContainerFixture fixture = new ContainerFixture(docker)) {
      String image = "refit-it/exits:3";
      images.importImage(image, List.of("CMD [\"sh\",\"-c\",\"sleep 1; exit 3\"]"));
      ObjectNode body = new ObjectMapper().createObjectNode();
      body.put("Image", image);
      body.putObject("Labels").put(ContainerFixture.TEST_LABEL, "true");
      ObjectNode host = body.putObject("HostConfig");
      host.put("NetworkMode", "none");
      host.putObject("RestartPolicy").put("Name", "always");
      Instant since = Instant.now().minusSeconds(60);
      String id = engine.api().createContainer("last-exit-it", body);
      DockerContainerEngine ops = new DockerContainerEngine(engine.api());
      assertThat(ops.lastExitCode(id, since)).as("before any exit").isEmpty();
      ops.start(id);

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ops.inspect(id).restartCount() >= 1 && ops.inspect(id).running());

      assertThat(ops.lastExitCode(id, since)).isEqualTo(OptionalInt.of(3));
    }
  }
}
