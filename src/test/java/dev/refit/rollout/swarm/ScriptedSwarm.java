package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.ServiceVersionConflictException;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmNode;
import dev.refit.docker.swarm.SwarmTask;
import dev.refit.docker.swarm.UpdateStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A one-service swarm whose rollouts follow a script: after an update (or a rollback) each read of
 * the service shows the next scripted {@code UpdateStatus} state ({@code null}: Swarm has not
 * started the rollout yet, so the previous status still shows); the last one stays.
 */
final class ScriptedSwarm implements SwarmApi {
  static final String ID = "svc1";
  private static final String NOT_STARTED = "(not started)";
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> calls = new ArrayList<>();
  final List<ObjectNode> sentSpecs = new ArrayList<>();
  final List<Optional<RegistryAuth>> sentAuth = new ArrayList<>();
  private ServiceSnapshot current;
  private final Deque<String> pending = new ArrayDeque<>();
  private List<String> afterUpdate = List.of();
  private List<String> afterRollback = List.of();
  private int conflicts;
  private int rollouts;
  String message = "";
  List<SwarmTask> tasks = List.of();
  String logs = "";

  ScriptedSwarm(String image) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("Name", "web");
    spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", image);
    spec.putObject("Mode").putObject("Replicated").put("Replicas", 2);
    current =
        new ServiceSnapshot(ID, 10, spec, null, new UpdateStatus("completed", "t0", "t0e", "old rollout"));
  }

  ScriptedSwarm afterUpdate(String... states) {
    afterUpdate = Arrays.asList(states);
    return this;
  }

  ScriptedSwarm afterRollback(String... states) {
    afterRollback = Arrays.asList(states);
    return this;
  }

  /** The next {@code n} updates are refused because "someone else" changed the service first. */
  ScriptedSwarm conflicts(int n) {
    conflicts = n;
    return this;
  }

  ScriptedSwarm label(String key, String value) {
    ObjectNode spec = current.spec();
    spec.putObject("Labels").put(key, value);
    current = new ServiceSnapshot(ID, current.version(), spec, null, current.updateStatus());
    return this;
  }

  /** The service as a killed run left it: on {@code image}, with Swarm's rollout in {@code state}. */
  ScriptedSwarm now(String image, String state) {
    ObjectNode spec = current.spec();
    ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec")).put("Image", image);
    ObjectNode previous = current.spec();
    current =
        new ServiceSnapshot(ID, current.version() + 1, spec, previous,
            state == null ? null : new UpdateStatus(state, "t-killed", null, message));
    return this;
  }

  String image() {
    return current.image();
  }

  @Override
  public String host() {
    return "unix:///fake.sock";
  }

  @Override
  public boolean isManager() {
    return true;
  }

  @Override
  public String apiVersion() {
    return "1.41";
  }

  @Override
  public List<ServiceSnapshot> services() {
    return List.of(current);
  }

  @Override
  public ServiceSnapshot service(String idOrName) {
    if (!pending.isEmpty()) {
      String state = pending.poll();
      if (!state.equals(NOT_STARTED)) {
        current =
            new ServiceSnapshot(
                ID, current.version(), current.spec(), current.previousSpec(),
                new UpdateStatus(state, "t" + rollouts, null, message));
      }
    }
    return current;
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    calls.add("update v" + version);
    if (conflicts > 0) {
      conflicts--;
      current = new ServiceSnapshot(ID, current.version() + 1, current.spec(), current.previousSpec(),
          current.updateStatus());
      throw new ServiceVersionConflictException("update out of sequence");
    }
    if (version != current.version()) {
      throw new ServiceVersionConflictException("update out of sequence");
    }
    sentSpecs.add(spec);
    sentAuth.add(auth);
    current = new ServiceSnapshot(ID, version + 1, spec, current.spec(), current.updateStatus());
    start(afterUpdate);
  }

  @Override
  public void rollbackService(String id, long version, ObjectNode spec) {
    calls.add("rollback v" + version);
    if (version != current.version()) {
      throw new ServiceVersionConflictException("update out of sequence");
    }
    current =
        new ServiceSnapshot(ID, version + 1, current.previousSpec(), current.spec(), current.updateStatus());
    start(afterRollback);
  }

  private void start(List<String> script) {
    rollouts++;
    pending.clear();
    // ArrayDeque takes no nulls
    script.forEach(state -> pending.add(state == null ? NOT_STARTED : state));
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void removeService(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SwarmTask> tasks(String serviceId) {
    return tasks;
  }

  @Override
  public List<SwarmNode> nodes() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String taskLogs(String taskId, int tail) {
    calls.add("logs " + taskId);
    return logs;
  }
}
