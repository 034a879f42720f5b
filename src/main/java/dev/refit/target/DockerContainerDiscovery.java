package dev.refit.target;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.EngineApi;
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
    EngineApi api = engine.api();
    JsonNode containers = api.get("/containers/json" + (includeStopped ? "?all=1" : ""));
    Map<String, List<String>> repoDigestsByImageId = new HashMap<>();
    Map<String, List<String>> listedImages = null; // asked for once, when a container needs it
    List<Target> targets = new ArrayList<>();
    for (JsonNode listed : containers) {
      Map<String, String> listedLabels = EngineApi.strings(listed.path("Labels"));
      if (listedLabels.containsKey(SWARM_TASK_LABEL)) {
        continue;
      }
      if (listedLabels.containsKey(RefitLabels.HELPER)) {
        // Refit's own short-lived self-update helper: removed by the next Refit, never updated
        continue;
      }
      String id = listed.path("Id").asText();
      if (listedLabels.containsKey(RefitLabels.CLAIM) || name(listed).endsWith(PARKED_SUFFIX)) {
        // a Refit's claim on a container, or the old container parked during an update (or left
        // by a failed one, which recovery gives its name back): never a target of its own
        continue;
      }
      String imageId = listed.path("ImageID").asText();
      if (listedImages == null) {
        listedImages = api.imageRepoDigests();
      }
      List<String> repoDigests =
          listedImages.containsKey(imageId)
              ? listedImages.get(imageId)
              // an image that came after the list (or one it leaves out): asked for alone
              : repoDigestsByImageId.computeIfAbsent(imageId, i -> repoDigests(api, i));
      String image = listed.path("Image").asText();
      if (!IMAGE_ID.matcher(image).matches()) {
        // The engine lists Config.Image as long as it still resolves to the container's image:
        // no need to inspect each of hundreds of containers.
        targets.add(target(id, name(listed), image, imageId, listedLabels, repoDigests));
        continue;
      }
      // The tag moved (the list shows an image id): Config.Image still says what the user asked for.
      api.findContainer(id).ifPresent(inspect -> targets.add(target(inspect, repoDigests)));
      // (absent: gone between list and inspect, nothing to check)
    }
    targets.sort(Comparator.comparing(Target::name));
    return targets;
  }

  /** One container by id or name, whatever its state; empty when there is none. */
  public Optional<Target> find(String idOrName) {
    EngineApi api = engine.api();
    return api.findContainer(idOrName)
        .map(inspect -> target(inspect, repoDigests(api, inspect.path("Image").asText())));
  }

  /** From a container's inspect ({@code GET /containers/{id}/json}). */
  private Target target(JsonNode inspect, List<String> repoDigests) {
    JsonNode config = inspect.path("Config");
    return target(
        inspect.path("Id").asText(),
        stripSlash(inspect.path("Name").asText()),
        config.path("Image").asText(),
        inspect.path("Image").asText(),
        EngineApi.strings(config.path("Labels")),
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
  private static String name(JsonNode listed) {
    for (JsonNode candidate : listed.path("Names")) {
      String name = stripSlash(candidate.asText());
      if (!name.contains("/")) {
        return name;
      }
    }
    return listed.path("Id").asText();
  }

  private static List<String> repoDigests(EngineApi api, String imageId) {
    List<String> digests = new ArrayList<>();
    api.findImage(imageId).ifPresent(i -> i.path("RepoDigests").forEach(d -> digests.add(d.asText())));
    return digests; // none for an image gone meanwhile
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }
}
