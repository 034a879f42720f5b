package dev.refit.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates containers on the test engine and removes them again. Every container gets the label
 * {@value #TEST_LABEL}{@code =true} and {@code --network none}; {@link #removeAll()} (and {@link
 * #close()}) removes every container carrying that label, also those of earlier, aborted runs.
 *
 * <p>Images missing in the engine are pulled from their (loopback) registry first.
 */
public final class ContainerFixture implements AutoCloseable {

  /** Label on every container this fixture creates. */
  public static final String TEST_LABEL = "dev.refit.test";

  private final DockerClient docker;

  /** Uses the given client (owned by the caller). */
  public ContainerFixture(DockerClient docker) {
    this.docker = docker;
  }

  /** Creates and starts a container; returns its ID. */
  public String run(String name, String image, Map<String, String> labels) {
    String id = create(name, image, labels);
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** Creates and starts a container with environment variables ({@code KEY=value}); returns its ID. */
  public String run(String name, String image, Map<String, String> labels, List<String> env) {
    String id = create(name, image, labels, env);
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** Creates a container without starting it; returns its ID. */
  public String create(String name, String image, Map<String, String> labels) {
    return create(name, image, labels, List.of());
  }

  private String create(String name, String image, Map<String, String> labels, List<String> env) {
    try {
      return createCommand(name, image, labels).withEnv(env).exec().getId();
    } catch (NotFoundException e) {
      pull(image);
      return createCommand(name, image, labels).withEnv(env).exec().getId();
    }
  }

  /** Removes (forcibly, with anonymous volumes) every container labelled {@value #TEST_LABEL}. */
  public void removeAll() {
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(TEST_LABEL, "true"))
            .exec();
    for (Container container : containers) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
  }

  /** Same as {@link #removeAll()}. */
  @Override
  public void close() {
    removeAll();
  }

  private CreateContainerCmd createCommand(String name, String image, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(TEST_LABEL, "true");
    CreateContainerCmd command =
        docker
            .createContainerCmd(image)
            .withLabels(all)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"));
    if (name != null) {
      command.withName(name);
    }
    return command;
  }

  private void pull(String image) {
    ImageReference ref = ImageReference.parse(image);
    try {
      boolean done =
          docker
              .pullImageCmd(ref.name())
              .withTag(ref.tag())
              .exec(new ResultCallback.Adapter<PullResponseItem>())
              .awaitCompletion(2, TimeUnit.MINUTES);
      if (!done) {
        throw new IllegalStateException("pull of " + image + " did not finish in 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pulling " + image, e);
    }
  }
}
