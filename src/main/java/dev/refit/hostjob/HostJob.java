package dev.refit.hostjob;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.RegistryAuth;
import dev.refit.target.RefitLabels;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run on every node.
 *
 * @param name the name of the job service, e.g. {@code refit-host-job-20260101-120000-ab12}
 * @param image the image to run
 * @param command the command and its arguments (the image's CMD is replaced, its ENTRYPOINT kept)
 * @param mounts host directories to mount, e.g. {@code /:/host}
 * @param constraints which nodes: Swarm placement constraints
 * @param capabilities Linux capabilities to add, e.g. {@code SYS_ADMIN}
 * @param network a network to attach, e.g. {@code host}, or {@code null} for the engine's default
 * @param timeout how long every node gets to finish
 * @param logLines how many of the last log lines to show per node
 * @param auth credentials for the image's registry
 */
public record HostJob(
    String name,
    String image,
    List<String> command,
    List<BindMount> mounts,
    List<PlacementConstraint> constraints,
    List<String> capabilities,
    String network,
    Duration timeout,
    int logLines,
    Optional<RegistryAuth> auth) {

  public HostJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    mounts = List.copyOf(mounts);
    constraints = List.copyOf(constraints);
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(auth, "auth");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a host job needs a command: refit host-job --image IMG -- CMD...");
    }
  }

  /**
   * The {@code global-job} service spec: one task per eligible node, never restarted, labelled so
   * that Refit never mistakes it for a service to update.
   */
  ObjectNode serviceSpec() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode spec = json.objectNode();
    spec.put("Name", name);
    spec.putObject("Labels").put(RefitLabels.HOST_JOB, "true");
    ObjectNode template = spec.putObject("TaskTemplate");
    ObjectNode container = template.putObject("ContainerSpec");
    container.put("Image", image);
    ArrayNode args = container.putArray("Args");
    command.forEach(args::add);
    container.putObject("Labels").put(RefitLabels.HOST_JOB, name);
    if (!mounts.isEmpty()) {
      ArrayNode list = container.putArray("Mounts");
      for (BindMount m : mounts) {
        list.addObject()
            .put("Type", "bind")
            .put("Source", m.source())
            .put("Target", m.target())
            .put("ReadOnly", m.readOnly());
      }
    }
    if (!capabilities.isEmpty()) {
      ArrayNode caps = container.putArray("CapabilityAdd");
      capabilities.forEach(caps::add);
    }
    // A job that failed on a node must be reported, not retried behind the user's back.
    template.putObject("RestartPolicy").put("Condition", "none");
    if (!constraints.isEmpty()) {
      ArrayNode list = template.putObject("Placement").putArray("Constraints");
      constraints.forEach(c -> list.add(c.toString()));
    }
    if (network != null && !network.isBlank()) {
      template.putArray("Networks").addObject().put("Target", network);
    }
    spec.putObject("Mode").putObject("GlobalJob");
    return spec;
  }
}
