package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the inspect of a running container into the request that creates its successor, as the
 * Docker CLI would have created it with the same command line and the new image.
 *
 * <p>Inspect shows the container's configuration merged with its image's defaults. Values equal to
 * the old image's defaults (env entries, labels, cmd, entrypoint, workdir, user, healthcheck fields,
 * exposed ports, volumes, stop signal) are left out, so that the new image's defaults apply; the
 * user's own values stay. The {@code HostConfig} is copied whole. Volumes the old container got
 * without a name (anonymous) are passed by name, so their data stays with the service. Networks are
 * all kept with their aliases, static addresses, links and driver options.
 */
final class ConfigCopy {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Config fields an image can set; a container value equal to the image's came from it. */
  private static final List<String> IMAGE_SCALARS =
      List.of("WorkingDir", "User", "StopSignal", "Shell", "OnBuild", "ArgsEscaped");
  private static final List<String> CONTAINER_MODES = List.of("NetworkMode", "PidMode", "IpcMode");

  private final String engineHostName;

  /**
   * @param engineHostName the engine machine's host name: a {@code --network host} container got it
   *     as its hostname from the engine, not from the user
   */
  ConfigCopy(String engineHostName) {
    this.engineHostName = engineHostName;
  }

  /**
   * @param old the container to copy
   * @param oldImageConfig the {@code Config} of the image {@code old} runs (its defaults)
   * @param newImage the image reference the new container gets, in the user's form
   * @param replaced containers (by full id) that are being replaced, and the name to point at
   *     instead: {@code container:<id>} modes resolve ids at create, so a dependant of a replaced
   *     container must name it
   */
  CreateRequest copy(
      ContainerInfo old, JsonNode oldImageConfig, String newImage, Map<String, String> replaced) {
    ObjectNode hostConfig = old.hostConfig().deepCopy();
    repoint(hostConfig, replaced);
    reattachVolumes(old, hostConfig);

    ObjectNode body = config(old, oldImageConfig, hostConfig);
    body.put("Image", newImage);
    body.set("HostConfig", hostConfig);

    Map<String, ObjectNode> later = new LinkedHashMap<>();
    String primary = primaryNetwork(old);
    if (primary != null) {
      ObjectNode endpoints = JSON.createObjectNode();
      old.json()
          .path("NetworkSettings")
          .path("Networks")
          .fields()
          .forEachRemaining(
              e -> {
                ObjectNode endpoint = endpoint(e.getValue(), old);
                if (e.getKey().equals(primary)) {
                  endpoints.set(e.getKey(), endpoint);
                } else {
                  later.put(e.getKey(), endpoint);
                }
              });
      body.set("NetworkingConfig", JSON.createObjectNode().set("EndpointsConfig", endpoints));
    }
    return new CreateRequest(old.name(), body, later);
  }

  private ObjectNode config(ContainerInfo old, JsonNode image, ObjectNode hostConfig) {
    ObjectNode config = old.config().deepCopy();
    config.remove("Image");
    String networkMode = hostConfig.path("NetworkMode").asText("");
    boolean sharesNamespace = networkMode.startsWith("container:");

    String hostname = config.path("Hostname").asText("");
    if (sharesNamespace
        || hostname.equals(old.shortId())
        || (networkMode.equals("host") && hostname.equals(engineHostName))) {
      // the engine made these up (short id, the other container's or the machine's name)
      config.remove("Hostname");
    }
    if (sharesNamespace) {
      config.remove("Domainname");
    }

    removeInheritedEntries(config, "Env", image.path("Env"));
    removeInheritedLabels(config, image.path("Labels"));
    removeInheritedCommand(config, image);
    for (String field : IMAGE_SCALARS) {
      if (same(config.get(field), image.get(field))) {
        config.remove(field);
      }
    }
    removeInheritedHealthcheck(config, image.path("Healthcheck"));
    removeInheritedKeys(config, "Volumes", image.path("Volumes"), Set.of());
    Set<String> published = new HashSet<>();
    hostConfig.path("PortBindings").fieldNames().forEachRemaining(published::add);
    removeInheritedKeys(config, "ExposedPorts", image.path("ExposedPorts"), published);
    return config;
  }

  /** Env is a list of {@code KEY=value}: entries the image has verbatim came from it. */
  private static void removeInheritedEntries(ObjectNode config, String field, JsonNode image) {
    JsonNode values = config.get(field);
    if (values == null || !values.isArray()) {
      return;
    }
    Set<String> inherited = new HashSet<>();
    image.forEach(v -> inherited.add(v.asText()));
    ArrayNode kept = JSON.createArrayNode();
    values.forEach(
        v -> {
          if (!inherited.contains(v.asText())) {
            kept.add(v);
          }
        });
    if (kept.isEmpty()) {
      config.remove(field);
    } else {
      config.set(field, kept);
    }
  }

  private static void removeInheritedLabels(ObjectNode config, JsonNode image) {
    JsonNode labels = config.get("Labels");
    if (labels == null || !labels.isObject()) {
      return;
    }
    ObjectNode kept = JSON.createObjectNode();
    labels
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode fromImage = image.get(e.getKey());
              if (fromImage == null || !fromImage.asText().equals(e.getValue().asText())) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    config.set("Labels", kept);
  }

  /**
   * The engine fills in the image's Cmd only when the user gave no Entrypoint; so Cmd is inherited
   * only alongside an inherited Entrypoint.
   */
  private static void removeInheritedCommand(ObjectNode config, JsonNode image) {
    if (!same(config.get("Entrypoint"), image.get("Entrypoint"))) {
      return;
    }
    config.remove("Entrypoint");
    if (same(config.get("Cmd"), image.get("Cmd"))) {
      config.remove("Cmd");
      config.remove("ArgsEscaped");
    }
  }

  /** The engine merges healthchecks field by field, so they are compared field by field. */
  private static void removeInheritedHealthcheck(ObjectNode config, JsonNode image) {
    JsonNode check = config.get("Healthcheck");
    if (check == null || !check.isObject() || !image.isObject()) {
      return;
    }
    ObjectNode kept = JSON.createObjectNode();
    check
        .fields()
        .forEachRemaining(
            e -> {
              if (!same(e.getValue(), image.get(e.getKey()))) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    if (kept.isEmpty()) {
      config.remove("Healthcheck");
    } else {
      config.set("Healthcheck", kept);
    }
  }

  /** Volumes and ExposedPorts are sets (objects with empty values); {@code keep} always stays. */
  private static void removeInheritedKeys(
      ObjectNode config, String field, JsonNode image, Set<String> keep) {
    JsonNode values = config.get(field);
    if (values == null || !values.isObject()) {
      return;
    }
    ObjectNode kept = JSON.createObjectNode();
    values
        .fields()
        .forEachRemaining(
            e -> {
              if (keep.contains(e.getKey()) || !image.has(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    if (kept.isEmpty()) {
      config.remove(field);
    } else {
      config.set(field, kept);
    }
  }

  /** {@code container:<id>} of a replaced container becomes {@code container:<name>}. */
  private static void repoint(ObjectNode hostConfig, Map<String, String> replaced) {
    for (String field : CONTAINER_MODES) {
      String mode = hostConfig.path(field).asText("");
      if (mode.startsWith("container:")) {
        String target = replacement(mode.substring("container:".length()), replaced);
        if (target != null) {
          hostConfig.put(field, "container:" + target);
        }
      }
    }
    JsonNode volumesFrom = hostConfig.get("VolumesFrom");
    if (volumesFrom != null && volumesFrom.isArray()) {
      ArrayNode repointed = JSON.createArrayNode();
      volumesFrom.forEach(
          v -> {
            String text = v.asText();
            int colon = text.indexOf(':');
            String ref = colon < 0 ? text : text.substring(0, colon);
            String target = replacement(ref, replaced);
            repointed.add(target == null ? text : target + (colon < 0 ? "" : text.substring(colon)));
          });
      hostConfig.set("VolumesFrom", repointed);
    }
  }

  private static String replacement(String ref, Map<String, String> replaced) {
    for (Map.Entry<String, String> e : replaced.entrySet()) {
      if (ref.length() >= 12 && e.getKey().startsWith(ref)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * Every volume the old container has that its HostConfig does not name (anonymous volumes from
   * {@code -v /path}, {@code --mount} without a source, or the image's VOLUME) is mounted by name,
   * or the engine would give the new container a new, empty one.
   */
  private static void reattachVolumes(ContainerInfo old, ObjectNode hostConfig) {
    Set<String> bound = new HashSet<>();
    hostConfig.path("Binds").forEach(b -> bound.add(bindDestination(b.asText())));
    JsonNode mountsNode = hostConfig.get("Mounts");
    ArrayNode mounts =
        mountsNode != null && mountsNode.isArray()
            ? (ArrayNode) mountsNode
            : JSON.createArrayNode();
    for (JsonNode mounted : old.json().path("Mounts")) {
      if (!"volume".equals(mounted.path("Type").asText())) {
        continue;
      }
      String name = mounted.path("Name").asText("");
      String destination = mounted.path("Destination").asText("");
      if (name.isEmpty() || destination.isEmpty() || bound.contains(destination)) {
        continue;
      }
      ObjectNode declared = findMount(mounts, destination);
      if (declared != null) {
        if ("volume".equals(declared.path("Type").asText())
            && declared.path("Source").asText("").isEmpty()) {
          declared.put("Source", name);
        }
        continue;
      }
      ObjectNode mount = JSON.createObjectNode();
      mount.put("Type", "volume");
      mount.put("Source", name);
      mount.put("Target", destination);
      if (!mounted.path("RW").asBoolean(true)) {
        mount.put("ReadOnly", true);
      }
      mounts.add(mount);
    }
    if (!mounts.isEmpty()) {
      hostConfig.set("Mounts", mounts);
    }
  }

  private static ObjectNode findMount(ArrayNode mounts, String destination) {
    for (JsonNode m : mounts) {
      if (destination.equals(m.path("Target").asText()) && m instanceof ObjectNode o) {
        return o;
      }
    }
    return null;
  }

  /** {@code source:destination[:options]} or just {@code destination}. */
  static String bindDestination(String bind) {
    String[] parts = bind.split(":");
    return parts.length >= 2 ? parts[1] : parts[0];
  }

  /**
   * The network the container was created on (its NetworkMode), or {@code null} when it has none
   * of its own (host, none, another container's).
   */
  static String primaryNetwork(ContainerInfo old) {
    String mode = old.networkMode();
    if (mode.isEmpty() || mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      return null;
    }
    String wanted = mode.equals("default") ? "bridge" : mode;
    JsonNode networks = old.json().path("NetworkSettings").path("Networks");
    if (networks.has(wanted)) {
      return wanted;
    }
    Iterator<Map.Entry<String, JsonNode>> it = networks.fields();
    String first = null;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (first == null) {
        first = e.getKey();
      }
      if (e.getValue().path("NetworkID").asText("").startsWith(wanted)) {
        return e.getKey();
      }
    }
    return first;
  }

  /**
   * What the user configured for one network: static addresses, aliases (not the short id the
   * engine adds), links, driver options. Addresses and MACs the engine chose are not copied.
   */
  private static ObjectNode endpoint(JsonNode settings, ContainerInfo old) {
    ObjectNode endpoint = JSON.createObjectNode();
    copyIfSet(settings, endpoint, "IPAMConfig");
    copyIfSet(settings, endpoint, "Links");
    JsonNode aliases = settings.get("Aliases");
    if (aliases != null && aliases.isArray()) {
      ArrayNode kept = JSON.createArrayNode();
      aliases.forEach(
          a -> {
            String alias = a.asText();
            if (!alias.equals(old.shortId()) && !alias.equals(old.id())) {
              kept.add(alias);
            }
          });
      if (!kept.isEmpty()) {
        endpoint.set("Aliases", kept);
      }
    }
    copyIfSet(settings, endpoint, "DriverOpts");
    return endpoint;
  }

  private static void copyIfSet(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
      to.set(field, value.deepCopy());
    }
  }

  /** Equal JSON, with null, missing, empty string and empty array/object all meaning "unset". */
  static boolean same(JsonNode a, JsonNode b) {
    boolean unsetA = unset(a);
    boolean unsetB = unset(b);
    if (unsetA || unsetB) {
      return unsetA == unsetB;
    }
    return Objects.equals(a, b);
  }

  private static boolean unset(JsonNode n) {
    return n == null
        || n.isNull()
        || n.isMissingNode()
        || (n.isTextual() && n.asText().isEmpty())
        || (n.isContainerNode() && n.isEmpty());
  }
}
