package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraEngineIT {
  private static final TestEnvironment ENV = TestEnvironment.get();

  @Test
  void aSecondEngineHasItsOwnContainersAndSwarmAndPullsFromTheSharedRegistry() throws Exception {
    Path socket;
    try (ExtraEngine engine = ExtraEngine.start(ENV, "xe1");
        DockerClient extra = engine.dockerClient();
        DockerClient main = ENV.dockerClient();
        ContainerFixture containers = new ContainerFixture(extra)) {
      socket = Path.of(engine.dockerHost().substring("unix://".length()));
      assertThat(engine.dockerHost()).isNotEqualTo(ENV.dockerHost());

      containers.run("extra-only", ENV.image("app:1.0.1"), Map.of());

      assertThat(names(extra)).contains("/extra-only");
      assertThat(names(main)).doesNotContain("/extra-only");
      try (SwarmFixture swarm = engine.initSwarm()) {
        assertThat(extra.infoCmd().exec().getSwarm().getControlAvailable()).isTrue();
        assertThat(main.infoCmd().exec().getSwarm().getControlAvailable()).isNotEqualTo(true);
      }
    }
    assertThat(Files.exists(socket)).isFalse();
  }

  @Test
  void aBadNameIsRefused() {
    assertThatThrownBy(() -> ExtraEngine.start(ENV, "Has Space"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("testenv_start_engine");
  }

  private static List<String> names(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).exec().stream()
        .map(Container::getNames)
        .flatMap(java.util.Arrays::stream)
        .toList();
  }
}
