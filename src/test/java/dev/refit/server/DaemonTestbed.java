package dev.refit.server;

import com.github.dockerjava.api.DockerClient;
import dev.refit.docker.DockerEngine;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A daemon ({@link TestDaemon}) on the real test engine beside a registry of its own, and what
 * the test needs to drive both: what the daemon ITs share. The daemon or the registry may start
 * first (a registry that notifies the daemon needs its URL); {@link #close} ends all in order.
 */
final class DaemonTestbed implements AutoCloseable {
  final DockerClient docker;
  final DockerEngine engine;
  final TestImages images;
  final ContainerFixture containers;
  private TestDaemon daemon;
  private RegistryProcess registry;

  DaemonTestbed() throws Exception {
    TestEnvironment env = TestEnvironment.get();
    docker = env.dockerClient();
    engine = DockerEngine.connect(env.dockerHost());
    images = new TestImages(env);
    containers = new ContainerFixture(docker);
    containers.removeAll();
  }

  TestDaemon startDaemon(Path dir, String... settings) {
    daemon = new TestDaemon(engine, dir, settings);
    return daemon;
  }

  RegistryProcess startRegistry(RegistryProcess.Builder builder) {
    registry = builder.start();
    return registry;
  }

  TestDaemon daemon() {
    return Objects.requireNonNull(daemon, "startDaemon first");
  }

  /** {@code repository:tag} in this testbed's registry. */
  String ref(String repositoryAndTag) {
    return Objects.requireNonNull(registry, "startRegistry first").address() + "/" + repositoryAndTag;
  }

  @Override
  public void close() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    containers.removeAll();
    if (registry != null) {
      registry.close();
    }
    images.close();
    engine.close();
    docker.close();
  }
}
