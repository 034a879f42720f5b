package dev.refit.target;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.refit.docker.DockerEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the standalone containers of one Docker Engine and what image each runs. */
public final class DockerContainerDiscovery {
  /** Swarm puts this on its task containers; those belong to services, not to us. */
  private static final String SWARM_TASK_LABEL = "com.docker.swarm.task.id";

  private final DockerEngine engine;
  private final boolean optInOnly;

  /**
   * @param optInOnly whether only containers labelled {@code refit.enable=true} are enabled
   */
  public DockerContainerDiscovery(DockerEngine engine, boolean optInOnly) {
    this.engine = engine;
    this.optInOnly = optInOnly;
  }

  /**
   * @param includeStopped also list containers that are not running, as {@code docker ps -a}
   * @return the containers sorted by name
   */
  public List<Target> discover(boolean includeStopped) {
    DockerClient docker = engine.client();
    List<Container> containers = docker.listContainersCmd().withShowAll(includeStopped).exec();
    Map<String, List<String>> repoDigestsByImageId = new HashMap<>();
    List<Target> targets = new ArrayList<>();
    for (Container listed : containers) {
      Map<String, String> listedLabels = listed.getLabels() == null ? Map.of() : listed.getLabels();
      if (listedLabels.containsKey(SWARM_TASK_LABEL)) {
        continue;
      }
      if (listedLabels.containsKey(RefitLabels.HELPER)) {
        // Refit's own short-lived self-update helper: removed by the next Refit, never updated
        continue;
      }
      InspectContainerResponse inspect;
      try {
        inspect = docker.inspectContainerCmd(listed.getId()).exec();
      } catch (NotFoundException removedMeanwhile) {
        continue;
      }
      List<String> repoDigests =
          repoDigestsByImageId.computeIfAbsent(inspect.getImageId(), id -> repoDigests(docker, id));
      targets.add(target(inspect, repoDigests));
    }
    targets.sort(Comparator.comparing(Target::name));
    return targets;
  }

  /** One container by id or name, whatever its state; empty when there is none. */
  public Optional<Target> find(String idOrName) {
    DockerClient docker = engine.client();
    try {
      InspectContainerResponse inspect = docker.inspectContainerCmd(idOrName).exec();
      return Optional.of(target(inspect, repoDigests(docker, inspect.getImageId())));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private Target target(InspectContainerResponse inspect, List<String> repoDigests) {
    // Config.Image keeps what the user asked for; the list's Image turns into an id once the tag moves.
    Map<String, String> labels =
        inspect.getConfig().getLabels() == null ? Map.of() : inspect.getConfig().getLabels();
    return new Target(
        TargetKind.CONTAINER,
        inspect.getId(),
        stripSlash(inspect.getName()),
        engine.host(),
        inspect.getConfig().getImage(),
        inspect.getImageId(),
        repoDigests,
        UpdateRules.fromLabels(labels, optInOnly));
  }

  private static List<String> repoDigests(DockerClient docker, String imageId) {
    try {
      InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
      return image.getRepoDigests() == null ? List.of() : image.getRepoDigests();
    } catch (NotFoundException gone) {
      return List.of();
    }
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }
}
