package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.EngineApi;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code docker inspect} of a container, as the engine sent it, with accessors for what the
 * rollout reads. The JSON itself stays whole: the new container is copied from it.
 */
record ContainerInfo(JsonNode json) {

  String id() {
    return json.path("Id").asText();
  }

  String shortId() {
    String id = id();
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** The name without Docker's leading slash. */
  String name() {
    String name = json.path("Name").asText();
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** The image reference the container was created with, as the user wrote it. */
  String configImage() {
    return config().path("Image").asText(null);
  }

  /** The id ({@code sha256:...}) of the image the container runs. */
  String imageId() {
    return json.path("Image").asText();
  }

  JsonNode config() {
    return json.path("Config");
  }

  JsonNode hostConfig() {
    return json.path("HostConfig");
  }

  JsonNode state() {
    return json.path("State");
  }

  boolean running() {
    return state().path("Running").asBoolean(false);
  }

  boolean restarting() {
    return state().path("Restarting").asBoolean(false);
  }

  boolean paused() {
    return state().path("Paused").asBoolean(false);
  }

  String status() {
    return state().path("Status").asText("");
  }

  int exitCode() {
    return state().path("ExitCode").asInt(0);
  }

  boolean oomKilled() {
    return state().path("OOMKilled").asBoolean(false);
  }

  String stateError() {
    return state().path("Error").asText("");
  }

  int restartCount() {
    return json.path("RestartCount").asInt(0);
  }

  /** When the engine created it, or {@link Instant#EPOCH} when it does not say. */
  Instant created() {
    try {
      return Instant.parse(json.path("Created").asText(""));
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  String startedAt() {
    return state().path("StartedAt").asText("");
  }

  /** {@code starting}, {@code healthy}, {@code unhealthy}, or {@code null} without a healthcheck. */
  String health() {
    JsonNode health = state().path("Health");
    return health.isMissingNode() || health.isNull() ? null : health.path("Status").asText(null);
  }

  /** The output of the last health probe, for messages. */
  String lastHealthOutput() {
    JsonNode log = state().path("Health").path("Log");
    if (!log.isArray() || log.isEmpty()) {
      return "";
    }
    return log.get(log.size() - 1).path("Output").asText("").strip();
  }

  /** The healthcheck in effect (the image's merged with the user's), or missing. */
  JsonNode healthcheck() {
    return config().path("Healthcheck");
  }

  /** Whether a healthcheck runs: there is a test and it is not {@code NONE}. */
  boolean hasHealthcheck() {
    JsonNode test = healthcheck().path("Test");
    return test.isArray() && !test.isEmpty() && !"NONE".equals(test.get(0).asText());
  }

  Map<String, String> labels() {
    return EngineApi.strings(config().path("Labels"));
  }

  String networkMode() {
    return hostConfig().path("NetworkMode").asText("");
  }

  boolean autoRemove() {
    return hostConfig().path("AutoRemove").asBoolean(false);
  }

  /**
   * The volumes it mounts writable ({@code Mounts} of type {@code volume}, named and anonymous),
   * each once: what a new version could change. Bind mounts and read-only volumes are left out.
   */
  java.util.List<VolumeMount> writableVolumes() {
    java.util.Map<String, VolumeMount> found = new LinkedHashMap<>();
    for (JsonNode m : json.path("Mounts")) {
      if ("volume".equals(m.path("Type").asText()) && m.path("RW").asBoolean(true)) {
        String name = m.path("Name").asText();
        found.putIfAbsent(
            name, new VolumeMount(name, m.path("Driver").asText("local"), m.path("Destination").asText()));
      }
    }
    return java.util.List.copyOf(found.values());
  }

  /** A volume mounted in the container: its name, its driver and where it is mounted. */
  record VolumeMount(String name, String driver, String destination) {}

  /** The values of its environment variables ({@code Config.Env}), to mask them wherever shown. */
  java.util.List<String> envValues() {
    java.util.List<String> values = new java.util.ArrayList<>();
    config().path("Env").forEach(e -> {
      String text = e.asText();
      int eq = text.indexOf('=');
      if (eq >= 0) {
        values.add(text.substring(eq + 1));
      }
    });
    return values;
  }
}
