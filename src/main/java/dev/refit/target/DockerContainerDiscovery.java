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
import java.util.regex.Pattern;

/** Finds the standalone containers of one Docker Engine and what image each runs. */
public final class DockerContainerDiscovery {
  /** Swarm puts this on its task containers; those belong to services, not to us. */
  private static final String SWARM_TASK_LABEL = "com.docker.swarm.task.id";
  /** How the container list shows an image whose tag has moved on: by id, full or short. */
  private static final Pattern IMAGE_ID = Pattern.compile("(sha256:)?[0-9a-f]{12,64}");

  private final DockerEngine engine;
  private final boolean optInOnly;

  /**
   * @param optInOnly whether only containers labelled {@code refit.enable=true} are enabled
   */
  /** The suffix of an old container parked while its update runs. */
  public static final String PARKED_SUFFIX = "-refit-old";

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
      if (listedLabels.containsKey(RefitLabels.CLAIM) || name(listed).endsWith(PARKED_SUFFIX)) {
        // a Refit's claim on a container, or the old container parked during an update (or left
        // by a failed one, which recovery gives its name back): never a target of its own
        continue;
      }
      List<String> repoDigests =
          repoDigestsByImageId.computeIfAbsent(listed.getImageId(), id -> repoDigests(docker, id));
      if (!IMAGE_ID.matcher(listed.getImage()).matches()) {
        // The engine lists Config.Image as long as it still resolves to the container's image:
        // no need to inspect each of hundreds of containers.
        targets.add(target(listed.getId(), name(listed), listed.getImage(), listed.getImageId(),
            listedLabels, repoDigests));
        continue;
      }
      // The tag moved (the list shows an image id): Config.Image still says what the user asked for.
      try {
        targets.add(target(docker.inspectContainerCmd(listed.getId()).exec(), repoDigests));
      } catch (NotFoundException removedMeanwhile) {
        // gone between list and inspect: nothing to check
      }
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
    Map<String, String> labels =
        inspect.getConfig().getLabels() == null ? Map.of() : inspect.getConfig().getLabels();
    return target(
        inspect.getId(),
        stripSlash(inspect.getName()),
        inspect.getConfig().getImage(),
        inspect.getImageId(),
        labels,
        repoDigests);
  }

  private Target target(
      String id,
      String name,
      String image,
      String imageId,
      Map<String, String> labels,
      List<String> repoDigests) {
    return new Target(
        TargetKind.CONTAINER,
        id,
        name,
        engine.host(),
        image,
        imageId,
        repoDigests,
        UpdateRules.fromLabels(labels, optInOnly),
        Target.sourceOf(labels));
  }

  /** The container's own name: legacy links add names like {@code /web/db} for the linked one. */
  private static String name(Container listed) {
    String[] names = listed.getNames() == null ? new String[0] : listed.getNames();
    for (String candidate : names) {
      String name = stripSlash(candidate);
      if (!name.contains("/")) {
        return name;
      }
    }
    return listed.getId();
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
