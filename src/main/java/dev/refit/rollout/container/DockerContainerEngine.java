package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The container operations of a recreate on a real engine, through the Engine API; the rest of the
 * container rollout (self-update, job building) reaches that API directly.
 */
final class DockerContainerEngine implements ContainerEngine {
  private static final int DEFAULT_STOP_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long one data helper may copy: volumes are limited in size, not in file count. */
  private static final java.time.Duration DATA_HELPER_TIMEOUT = java.time.Duration.ofHours(1);

  private final EngineApi api;
  private final DockerVolumes volumes;

  DockerContainerEngine(EngineApi api) {
    this.api = api;
    this.volumes = new DockerVolumes(api, DATA_HELPER_TIMEOUT);
  }

  EngineApi api() {
    return api;
  }

  @Override
  public Optional<ContainerInfo> find(String idOrName) {
    return api.findContainer(idOrName).map(ContainerInfo::new);
  }

  @Override
  public ContainerInfo inspect(String idOrName) {
    return new ContainerInfo(api.inspectContainer(idOrName));
  }

  @Override
  public void rename(String id, String name) {
    api.send("POST", "/containers/" + EngineApi.encode(id) + "/rename?name=" + EngineApi.encode(name), null);
  }

  @Override
  public String create(CreateRequest request) {
    String id = api.createContainer(request.name(), request.body());
    try {
      request.laterNetworks().forEach((network, endpoint) -> api.connectNetwork(network, id, endpoint));
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw e;
    }
    return id;
  }

  @Override
  public void start(String id) {
    try {
      api.send("POST", "/containers/" + EngineApi.encode(id) + "/start", null);
    } catch (EngineApiException e) {
      if (!e.notModified()) {
        throw e;
      }
      // already running: done before
    }
  }

  @Override
  public void stop(String id) {
    int seconds = find(id).map(c -> c.config().path("StopTimeout").asInt(DEFAULT_STOP_SECONDS))
        .orElse(DEFAULT_STOP_SECONDS);
    try {
      api.send("POST", "/containers/" + EngineApi.encode(id) + "/stop?t=" + seconds, null);
    } catch (EngineApiException e) {
      if (!e.notModified() && !e.notFound()) {
        throw e;
      }
      // already stopped: done before
    }
  }

  @Override
  public void restart(String id) {
    int seconds = find(id).map(c -> c.config().path("StopTimeout").asInt(DEFAULT_STOP_SECONDS))
        .orElse(DEFAULT_STOP_SECONDS);
    api.send("POST", "/containers/" + EngineApi.encode(id) + "/restart?t=" + seconds, null);
  }

  @Override
  public void remove(String id) {
    removeKeepingVolumes(api, id);
  }

  /** Removes a container, running or not, keeping its volumes; one gone already is done. */
  static void removeKeepingVolumes(EngineApi api, String idOrName) {
    api.sendUnlessGone("DELETE", "/containers/" + EngineApi.encode(idOrName) + "?force=true&v=false");
  }

  @Override
  public List<String> logs(String id, int lines) {
    return LogTail.of(api, id, lines);
  }

  /**
   * Asks {@code /events} for the container's {@code die} events between {@code since} and now (a
   * past {@code until} makes the engine answer at once with what it kept, instead of streaming).
   */
  @Override
  public OptionalInt lastExitCode(String id, Instant since) {
    String filters = "{\"container\":[\"" + id + "\"],\"event\":[\"die\"],\"type\":[\"container\"]}";
    String path =
        "/events?since=" + unix(since) + "&until=" + unix(Instant.now()) + "&filters=" + EngineApi.encode(filters);
    try {
      String text = new String(api.getBytes(path), StandardCharsets.UTF_8);
      OptionalInt last = OptionalInt.empty();
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode code = JSON.readTree(line).path("Actor").path("Attributes").path("exitCode");
        if (code.isTextual() && code.asText().matches("-?\\d+")) {
          last = OptionalInt.of(Integer.parseInt(code.asText()));
        }
      }
      return last;
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty(); // the message names no code, rather than a wrong one
    }
  }

  /** An instant as the engine's {@code since}/{@code until} take it: seconds.nanoseconds. */
  private static String unix(Instant t) {
    return t.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%09d", t.getNano());
  }

  @Override
  public List<ContainerInfo> namedEndingWith(String suffix) {
    String filter = "{\"name\":[\"" + suffix + "$\"]}";
    JsonNode list = api.get("/containers/json?all=1&filters=" + EngineApi.encode(filter));
    List<ContainerInfo> found = new ArrayList<>();
    for (JsonNode c : list) {
      boolean ours = false;
      for (JsonNode n : c.path("Names")) {
        String name = n.asText().startsWith("/") ? n.asText().substring(1) : n.asText();
        // the filter is a regex over every name, links included ("/other/alias")
        ours |= !name.contains("/") && name.endsWith(suffix);
      }
      if (ours) {
        find(c.path("Id").asText()).ifPresent(found::add);
      }
    }
    return found;
  }

  @Override
  public boolean hasImage(String reference) {
    return api.findImage(reference).isPresent();
  }

  @Override
  public Optional<VolumeInfo> volume(String name) {
    return volumes.volume(name);
  }

  @Override
  public void createVolume(String name, java.util.Map<String, String> labels) {
    volumes.create(name, labels);
  }

  @Override
  public void removeVolume(String name) {
    volumes.remove(name);
  }

  @Override
  public List<VolumeInfo> volumesLabelled(String key, String value) {
    return volumes.labelled(key, value);
  }

  @Override
  public java.util.Map<String, Long> measure(DataHelper helper, List<String> names) {
    return volumes.measure(helper, names);
  }

  @Override
  public void snapshot(DataHelper helper, String volume, String snapshot) {
    volumes.snapshot(helper, volume, snapshot);
  }

  @Override
  public void restore(DataHelper helper, String snapshot, String volume) {
    volumes.restore(helper, snapshot, volume);
  }
}
