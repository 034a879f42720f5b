package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.EngineApi;
import dev.refit.target.RefitLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The volume operations of {@link ContainerEngine} on a real engine: the volume API for volumes
 * themselves, a {@link DataHelper} container for their data. Helpers mount only volumes, have no
 * network and are removed when done (and before the next one of that name, if a killed run left
 * one copying: removing it stops that copy, which the recovery then does afresh).
 */
final class DockerVolumes {
  /** The value of {@link RefitLabels#HELPER} on data helpers (self-update helpers have "true"). */
  static final String HELPER_KIND = "data";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int OUTPUT_LINES = 5;

  private final EngineApi api;
  private final Duration timeout;

  DockerVolumes(EngineApi api, Duration timeout) {
    this.api = api;
    this.timeout = timeout;
  }

  java.util.Optional<VolumeInfo> volume(String name) {
    return api.find("/volumes/" + EngineApi.encode(name)).map(DockerVolumes::info);
  }

  void create(String name, Map<String, String> labels) {
    ObjectNode body = JSON.createObjectNode().put("Name", name).put("Driver", "local");
    ObjectNode l = body.putObject("Labels");
    labels.forEach(l::put);
    api.send("POST", "/volumes/create", body);
  }

  void remove(String name) {
    api.sendUnlessGone("DELETE", "/volumes/" + EngineApi.encode(name)); // gone: done before
  }

  List<VolumeInfo> labelled(String key, String value) {
    String filter = "{\"label\":[" + JSON.valueToTree(key + "=" + value) + "]}";
    List<VolumeInfo> found = new ArrayList<>();
    for (JsonNode v : api.get("/volumes?filters=" + EngineApi.encode(filter)).path("Volumes")) {
      found.add(info(v));
    }
    return found;
  }

  Map<String, Long> measure(DataHelper helper, List<String> volumes) {
    Map<String, String> mounts = new LinkedHashMap<>();
    StringBuilder paths = new StringBuilder();
    for (int i = 0; i < volumes.size(); i++) {
      mounts.put("/v" + i, volumes.get(i));
      paths.append(" /v").append(i);
    }
    List<String> out = run(helper, mounts, Map.of(), "set -e; " + helper.tools() + "du -sk" + paths);
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String line : out) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[1].matches("/v\\d+") && parts[0].matches("\\d+")) {
        sizes.put(volumes.get(Integer.parseInt(parts[1].substring(2))), Long.parseLong(parts[0]) * 1024);
      }
    }
    if (sizes.size() != volumes.size()) {
      throw new IllegalStateException(
          "the data helper (" + helper.image() + ") printed no sizes: " + String.join(" | ", out));
    }
    return sizes;
  }

  void snapshot(DataHelper helper, String volume, String snapshot) {
    String t = helper.tools();
    // "complete" is written only after the copy is synced: a snapshot without it is never restored
    run(helper, Map.of("/from", volume), Map.of("/to", snapshot),
        "set -e; " + t + "rm -rf /to/data /to/complete; " + t + "mkdir /to/data; "
            + t + "cp -a /from/. /to/data/; " + t + "sync; echo done > /to/complete; " + t + "sync");
  }

  void restore(DataHelper helper, String snapshot, String volume) {
    String t = helper.tools();
    // unmatched globs stay as they are, and rm -f ignores them
    run(helper, Map.of("/from", snapshot), Map.of("/to", volume),
        "set -e; [ -f /from/complete ] || { echo 'the snapshot is incomplete' >&2; exit 3; }; cd /to; "
            + t + "rm -rf -- ..?* .[!.]* *; " + t + "cp -a /from/data/. /to/; " + t + "sync");
  }

  /**
   * Runs {@code script} in a fresh helper with {@code readOnly} and {@code writable} volumes
   * mounted (path to volume name) and returns its output lines.
   *
   * @throws IllegalStateException when it exits non-zero or runs longer than the timeout
   */
  private List<String> run(
      DataHelper helper, Map<String, String> readOnly, Map<String, String> writable, String script) {
    removeHelper(helper.name());
    ObjectNode body = JSON.createObjectNode().put("Image", helper.image());
    ArrayNode entrypoint = body.putArray("Entrypoint");
    helper.shell().forEach(entrypoint::add);
    body.putArray("Cmd").add(script);
    body.put("User", "0:0").put("WorkingDir", "/").put("NetworkDisabled", true);
    body.putObject("Healthcheck").putArray("Test").add("NONE");
    body.putObject("Labels").put(RefitLabels.HELPER, HELPER_KIND);
    ObjectNode host = body.putObject("HostConfig").put("NetworkMode", "none");
    ArrayNode mounts = host.putArray("Mounts");
    readOnly.forEach((path, volume) -> mount(mounts, path, volume, true));
    writable.forEach((path, volume) -> mount(mounts, path, volume, false));
    String id = api.createContainer(helper.name(), body);
    try {
      api.send("POST", "/containers/" + EngineApi.encode(id) + "/start", null);
      Instant deadline = Instant.now().plus(timeout);
      JsonNode state = api.inspectContainer(id).path("State");
      while (state.path("Running").asBoolean()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the data helper " + helper.name() + " did not finish within " + timeout.toMinutes() + " minutes");
        }
        Thread.sleep(POLL.toMillis());
        state = api.inspectContainer(id).path("State");
      }
      List<String> out = LogTail.of(api, id, 200);
      int code = state.path("ExitCode").asInt();
      if (code != 0) {
        List<String> tail = out.subList(Math.max(0, out.size() - OUTPUT_LINES), out.size());
        throw new IllegalStateException(
            "the data helper (" + helper.image() + ") exited with code " + code
                + (tail.isEmpty() ? "" : ": " + String.join(" | ", tail)));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the data helper ran", e);
    } finally {
      removeHelper(id);
    }
  }

  private static void mount(ArrayNode mounts, String path, String volume, boolean readOnly) {
    ObjectNode m = mounts.addObject().put("Type", "volume").put("Source", volume).put("Target", path);
    m.put("ReadOnly", readOnly);
    // never fill an empty volume with what the image has at that path
    m.putObject("VolumeOptions").put("NoCopy", true);
  }

  private void removeHelper(String idOrName) {
    DockerContainerEngine.removeKeepingVolumes(api, idOrName);
  }

  private static VolumeInfo info(JsonNode v) {
    return new VolumeInfo(
        v.path("Name").asText(), v.path("Driver").asText("local"), EngineApi.strings(v.path("Labels")));
  }
}
