package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineMessages;
import dev.refit.image.Digest;
import dev.refit.rollout.Sleeper;
import dev.refit.target.RefitLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Refit cannot replace the container it runs in: stopping it would end the update halfway. It
 * starts a short-lived helper from the NEW image instead, with the old container's volumes (the
 * Docker socket, the state directory) and environment, which runs {@code refit self-update} on
 * the old container: the same journaled recreate, health gate and rollback as for any container.
 * The new Refit removes the helper when it starts.
 */
final class SelfUpdate {
  /** The helper's label naming the container it updates. */
  static final String HELPER_FOR = "refit.helper.for";
  static final String HELPER_SUFFIX = "-refit-helper";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HELPERS_FILTER = "{\"label\":[\"" + RefitLabels.HELPER + "=true\"]}";

  private final DockerContainerEngine ops;
  private final Clock clock;
  private final Sleeper sleeper;

  SelfUpdate(DockerContainerEngine ops, Clock clock, Sleeper sleeper) {
    this.ops = ops;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Creates and starts the helper.
   *
   * @param self Refit's own container
   * @param imageId the new image, pulled and verified
   * @param reference the reference the new container gets (the user's form)
   * @param digest the digest pulled
   * @return the helper's name
   */
  String handOver(ContainerInfo self, String imageId, String reference, Digest digest) {
    String name = self.name() + HELPER_SUFFIX;
    ops.find(name)
        .ifPresent(
            stale -> {
              if (stale.running()) {
                throw new UpdateFailure(
                    "a self-update helper (" + name + ") is still running; not starting another");
              }
              ops.remove(stale.id());
            });
    JsonNode image = ops.api().inspectImage(imageId).path("Config");
    ObjectNode body = JSON.createObjectNode();
    body.put("Image", imageId);
    List<String> args =
        new ArrayList<>(
            List.of(
                "self-update",
                "--container",
                self.id(),
                "--image",
                reference,
                "--digest",
                digest.toString()));
    JsonNode entrypoint = image.path("Entrypoint");
    ArrayNode cmd = JSON.createArrayNode();
    if (!entrypoint.isArray() || entrypoint.isEmpty()) {
      // no ENTRYPOINT: the image's CMD starts with the refit executable
      JsonNode imageCmd = image.path("Cmd");
      if (!imageCmd.isArray() || imageCmd.isEmpty()) {
        throw new UpdateFailure("the new Refit image has neither ENTRYPOINT nor CMD; cannot run its helper");
      }
      cmd.add(imageCmd.get(0).asText());
    }
    args.forEach(cmd::add);
    body.set("Cmd", cmd);
    JsonNode env = self.config().path("Env");
    if (env.isArray()) {
      body.set("Env", env.deepCopy());
    }
    String user = self.config().path("User").asText("");
    if (!user.isEmpty()) {
      body.put("User", user);
    }
    // the image's HEALTHCHECK probes Refit's API, which the helper does not serve
    body.set("Healthcheck", JSON.createObjectNode().set("Test", JSON.createArrayNode().add("NONE")));
    ObjectNode labels = JSON.createObjectNode();
    labels.put(RefitLabels.HELPER, "true");
    labels.put(HELPER_FOR, self.name());
    body.set("Labels", labels);
    ObjectNode hostConfig = JSON.createObjectNode();
    hostConfig.set("VolumesFrom", JSON.createArrayNode().add(self.id()));
    // Refit's image runs as a non-root user that reaches the socket through --group-add: the
    // helper needs the same groups, or it cannot talk to the engine at all.
    JsonNode groups = self.hostConfig().path("GroupAdd");
    if (groups.isArray() && !groups.isEmpty()) {
      hostConfig.set("GroupAdd", groups.deepCopy());
    }
    String mode = self.networkMode();
    if (!mode.isEmpty()) {
      hostConfig.put("NetworkMode", mode);
    }
    body.set("HostConfig", hostConfig);
    try {
      String id = ops.api().createContainer(name, body);
      ops.start(id);
    } catch (RuntimeException e) {
      throw new UpdateFailure("cannot start the self-update helper " + name + ": " + EngineMessages.of(e), e);
    }
    return name;
  }

  /**
   * Removes helpers that are done; waits up to {@code wait} for running ones to finish (the one
   * that just started this Refit exits right after releasing the state lock).
   *
   * @return the names removed
   */
  List<String> removeFinishedHelpers(Duration wait) throws InterruptedException {
    List<String> removed = new ArrayList<>();
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      JsonNode helpers = ops.api().get("/containers/json?all=1&filters=" + EngineApi.encode(HELPERS_FILTER));
      boolean running = false;
      for (JsonNode helper : helpers) {
        String id = helper.path("Id").asText();
        JsonNode names = helper.path("Names");
        String name = names.isEmpty() ? id : names.get(0).asText().replaceFirst("^/", "");
        String state = helper.path("State").asText();
        if ("running".equals(state) || "restarting".equals(state)) {
          running = true;
          continue;
        }
        ops.remove(id);
        removed.add(name);
      }
      if (!running || !clock.instant().isBefore(deadline)) {
        return removed;
      }
      sleeper.sleep(Duration.ofMillis(250));
    }
  }
}
