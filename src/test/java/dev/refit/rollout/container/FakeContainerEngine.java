package dev.refit.rollout.container;

import dev.refit.docker.EngineApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An engine in memory, scripted: containers by id and by unique name, with the answers the real
 * engine gives (a taken name is an {@link EngineApiException}
 * with status 409, a missing container one with 404, as {@code EngineApi} throws them). Each call is
 * recorded as a line ({@code rename <id> <name>}, {@code create <name>}, {@code connect <net> <id>},
 * {@code start <id>}, {@code stop <id>}, {@code restart <id>}, {@code remove <id>}); a fault or a
 * hook can be attached to the first call that is a given line (or, ending in {@code *}, starts so).
 *
 * <p>A container created under a name with {@link #whenCreated} behaviour goes through those
 * steps after its start, one per {@link #inspect}: the recreate inspects once to choose the gate
 * and the gate once for its first look, so a change meant to be seen as "since the start" comes
 * third.
 *
 * <p>Volumes hold files (name to content) in memory; the data operations are recorded as {@code
 * create-volume <name>}, {@code remove-volume <name>}, {@code measure}, {@code snapshot <volume>
 * <snapshot>} and {@code restore <snapshot> <volume>}, and can be faulted or killed like the rest.
 */
final class FakeContainerEngine implements ContainerEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Thrown by a hook to stand for the process being killed between two steps: nothing catches it. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(String where) {
      super("killed at " + where);
    }
  }

  /** One container, mutable as the engine's. */
  static final class Box {
    final String id;
    String name;
    String imageId;
    String configImage;
    Instant created;
    boolean running;
    String status = "created";
    int exitCode;
    boolean healthcheck;
    String health;
    String lastProbe = "";
    int restartCount;
    String startedAt = "";
    List<String> env = List.of();
    /** The volumes it mounts, by name (at /v0, /v1, ...). */
    List<String> volumes = List.of();
    List<String> logs = List.of();
    /** What happens at each inspect after a start, one change per inspect (a readiness gate polls). */
    final Deque<Consumer<Box>> afterStart = new ArrayDeque<>();
    List<Consumer<Box>> behaviour = List.of();
    private final java.util.function.Function<String, String> driverOf;

    Box(String id, String name, java.util.function.Function<String, String> driverOf) {
      this.id = id;
      this.name = name;
      this.driverOf = driverOf;
    }

    void exit(int code) {
      running = false;
      status = "exited";
      exitCode = code;
    }

    ContainerInfo info() {
      ObjectNode j = JSON.createObjectNode();
      j.put("Id", id).put("Name", "/" + name).put("Image", imageId).put("Created", created.toString());
      j.put("RestartCount", restartCount);
      ObjectNode config = j.putObject("Config");
      config.put("Image", configImage);
      ArrayNode e = config.putArray("Env");
      env.forEach(e::add);
      config.putObject("Labels");
      if (healthcheck) {
        config.putObject("Healthcheck").putArray("Test").add("CMD-SHELL").add("true");
      }
      j.putObject("HostConfig").put("NetworkMode", "default");
      ArrayNode mounts = j.putArray("Mounts");
      for (int i = 0; i < volumes.size(); i++) {
        mounts.addObject().put("Type", "volume").put("Name", volumes.get(i)).put("Driver", driverOf.apply(volumes.get(i)))
            .put("Destination", "/v" + i).put("RW", true);
      }
      ObjectNode state = j.putObject("State");
      state.put("Running", running).put("Status", status).put("ExitCode", exitCode);
      state.put("Restarting", false).put("StartedAt", startedAt);
      if (healthcheck && health != null) {
        ObjectNode h = state.putObject("Health");
        h.put("Status", health);
        h.putArray("Log").addObject().put("Output", lastProbe);
      }
      return new ContainerInfo(j);
    }
  }

  private record Hook(String call, Runnable action) {}

  /** A volume: its files (name to content), and for snapshots whether the copy completed. */
  static final class Volume {
    final String name;
    final String driver;
    final Map<String, String> labels;
    Map<String, String> files = new java.util.TreeMap<>();
    boolean complete;

    Volume(String name, String driver, Map<String, String> labels) {
      this.name = name;
      this.driver = driver;
      this.labels = Map.copyOf(labels);
    }

    VolumeInfo info() {
      return new VolumeInfo(name, driver, labels);
    }
  }

  final Map<String, Volume> volumes = new LinkedHashMap<>();
  final java.util.Set<String> images = new java.util.HashSet<>();

  private final Map<String, Box> byId = new LinkedHashMap<>();
  private final MovableClock time;
  private final Map<String, List<Consumer<Box>>> behaviourOf = new LinkedHashMap<>();
  private final Map<String, Boolean> healthcheckOf = new LinkedHashMap<>();
  private final List<Hook> before = new ArrayList<>();
  private final List<Hook> after = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  private int next;

  FakeContainerEngine(MovableClock time) {
    this.time = time;
  }

  /** A container as a user left it, created an hour ago. */
  Box add(String name, String image, boolean running) {
    Box b = new Box(newId(), name, this::driverOf);
    b.imageId = "sha256:" + image.replace(':', '-');
    b.configImage = image;
    b.created = time.instant().minus(Duration.ofHours(1));
    if (running) {
      b.running = true;
      b.status = "running";
      b.startedAt = b.created.toString();
    }
    byId.put(b.id, b);
    return b;
  }

  /** How new containers created under {@code name} behave after start, one step per inspect. */
  @SafeVarargs
  final void whenCreated(String name, boolean healthcheck, Consumer<Box>... steps) {
    behaviourOf.put(name, List.of(steps));
    healthcheckOf.put(name, healthcheck);
  }

  /** The first call starting with {@code call} throws {@code failure} instead of acting. */
  void failAt(String call, RuntimeException failure) {
    before(call, () -> {
      throw failure;
    });
  }

  /** Runs {@code action} before the first call starting with {@code call} (it may throw). */
  void before(String call, Runnable action) {
    before.add(new Hook(call, action));
  }

  /** Runs {@code action} after the first call starting with {@code call} succeeded. */
  void after(String call, Runnable action) {
    after.add(new Hook(call, action));
  }

  Optional<Box> box(String idOrName) {
    Box b = byId.get(idOrName);
    if (b != null) {
      return Optional.of(b);
    }
    return byId.values().stream().filter(c -> c.name.equals(idOrName)).findFirst();
  }

  Map<String, Box> containers() {
    return byId;
  }

  @Override
  public Optional<ContainerInfo> find(String idOrName) {
    return box(idOrName).map(Box::info);
  }

  @Override
  public ContainerInfo inspect(String idOrName) {
    Box b = existing(idOrName);
    Consumer<Box> step = b.afterStart.poll();
    if (step != null) {
      step.accept(b);
    }
    return b.info();
  }

  @Override
  public void rename(String id, String name) {
    call("rename " + id + " " + name, () -> {
      Box b = existing(id);
      box(name).filter(other -> other != b).ifPresent(other -> {
        throw new EngineApiException(409, 
            "Conflict. The container name \"/" + name + "\" is already in use by container \""
                + other.id + "\". You have to remove (or rename) that container to be able to reuse that name.");
      });
      b.name = name;
    });
  }

  @Override
  public String create(CreateRequest request) {
    String[] id = new String[1];
    call("create " + request.name(), () -> {
      box(request.name()).ifPresent(other -> {
        throw new EngineApiException(409, 
            "Conflict. The container name \"/" + request.name() + "\" is already in use by container \""
                + other.id + "\".");
      });
      Box b = new Box(newId(), request.name(), this::driverOf);
      b.configImage = request.image();
      b.imageId = "sha256:" + request.image().replace(':', '-');
      b.created = time.instant();
      List<String> env = new ArrayList<>();
      request.body().path("Env").forEach(v -> env.add(v.asText()));
      b.env = List.copyOf(env);
      b.healthcheck = healthcheckOf.getOrDefault(request.name(), false);
      b.behaviour = behaviourOf.getOrDefault(request.name(), List.of());
      byId.put(b.id, b);
      id[0] = b.id;
    });
    try {
      request.laterNetworks().keySet().forEach(net -> call("connect " + net + " " + id[0], () -> {}));
    } catch (RuntimeException e) {
      removeQuietly(id[0]);
      throw e;
    }
    return id[0];
  }

  @Override
  public void start(String id) {
    call("start " + id, () -> {
      Box b = existing(id);
      if (b.running) {
        return;
      }
      b.running = true;
      b.status = "running";
      b.exitCode = 0;
      b.startedAt = time.instant().toString();
      if (b.healthcheck) {
        b.health = "starting";
      }
      b.afterStart.clear();
      b.afterStart.addAll(b.behaviour);
    });
  }

  @Override
  public void stop(String id) {
    call("stop " + id, () -> box(id).filter(b -> b.running).ifPresent(b -> b.exit(0)));
  }

  @Override
  public void restart(String id) {
    call("restart " + id, () -> {
      Box b = existing(id);
      b.running = true;
      b.status = "running";
      b.startedAt = time.instant().toString();
    });
  }

  @Override
  public void remove(String id) {
    call("remove " + id, () -> byId.remove(id));
  }

  @Override
  public List<String> logs(String id, int lines) {
    List<String> all = box(id).map(b -> b.logs).orElse(List.of());
    return all.size() > lines ? all.subList(all.size() - lines, all.size()) : all;
  }

  @Override
  public List<ContainerInfo> namedEndingWith(String suffix) {
    return byId.values().stream().filter(b -> b.name.endsWith(suffix)).map(Box::info).toList();
  }

  /** A volume with these files ({@code name}, {@code content} pairs). */
  Volume addVolume(String name, String driver, String... files) {
    Volume v = new Volume(name, driver, Map.of());
    for (int i = 0; i + 1 < files.length; i += 2) {
      v.files.put(files[i], files[i + 1]);
    }
    volumes.put(name, v);
    return v;
  }

  Volume vol(String name) {
    return Optional.ofNullable(volumes.get(name)).orElseThrow(() -> new EngineApiException(404, "no such volume: " + name));
  }

  private String driverOf(String volume) {
    Volume v = volumes.get(volume);
    return v == null ? "local" : v.driver;
  }

  @Override
  public boolean hasImage(String reference) {
    return images.contains(reference);
  }

  @Override
  public Optional<VolumeInfo> volume(String name) {
    return Optional.ofNullable(volumes.get(name)).map(Volume::info);
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) {
    call("create-volume " + name, () -> volumes.putIfAbsent(name, new Volume(name, "local", labels)));
  }

  @Override
  public void removeVolume(String name) {
    call("remove-volume " + name, () -> {
      if (byId.values().stream().anyMatch(b -> b.volumes.contains(name))) {
        throw new EngineApiException(409, "remove " + name + ": volume is in use");
      }
      volumes.remove(name);
    });
  }

  @Override
  public List<VolumeInfo> volumesLabelled(String key, String value) {
    return volumes.values().stream().filter(v -> value.equals(v.labels.get(key))).map(Volume::info).toList();
  }

  @Override
  public Map<String, Long> measure(DataHelper helper, List<String> names) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    call("measure", () -> names.forEach(n ->
        sizes.put(n, vol(n).files.values().stream().mapToLong(String::length).sum())));
    return sizes;
  }

  @Override
  public void snapshot(DataHelper helper, String volume, String snapshot) {
    call("snapshot " + volume + " " + snapshot, () -> {
      Volume to = vol(snapshot);
      to.complete = false;
      to.files = new java.util.TreeMap<>(vol(volume).files);
      to.complete = true;
    });
  }

  @Override
  public void restore(DataHelper helper, String snapshot, String volume) {
    call("restore " + snapshot + " " + volume, () -> {
      Volume from = vol(snapshot);
      if (!from.complete) {
        throw new IllegalStateException("the data helper (" + helper.image() + ") exited with code 3: the snapshot is incomplete");
      }
      vol(volume).files = new java.util.TreeMap<>(from.files);
    });
  }

  private Box existing(String idOrName) {
    return box(idOrName)
        .orElseThrow(() -> new EngineApiException(404, "No such container: " + idOrName));
  }

  private void call(String line, Runnable action) {
    calls.add(line);
    fire(before, line);
    action.run();
    fire(after, line);
  }

  private static void fire(List<Hook> hooks, String line) {
    for (Hook h : hooks) {
      boolean matches =
          h.call().endsWith("*")
              ? line.startsWith(h.call().substring(0, h.call().length() - 1))
              : line.equals(h.call());
      if (matches) {
        hooks.remove(h);
        h.action().run();
        return;
      }
    }
  }

  private String newId() {
    next++;
    return String.format("%064x", 0xc0ffee00L + next);
  }

  /** A create body: the image and environment entries ({@code KEY=value}). */
  static ObjectNode body(String image, String... env) {
    ObjectNode body = JSON.createObjectNode().put("Image", image);
    ArrayNode e = body.putArray("Env");
    for (String v : env) {
      e.add(v);
    }
    return body;
  }
}
