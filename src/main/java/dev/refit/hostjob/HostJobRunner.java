package dev.refit.hostjob;

import dev.refit.docker.DockerEngineException;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmNode;
import dev.refit.docker.swarm.SwarmTask;
import dev.refit.settings.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link HostJob}: creates its {@code global-job} service, waits until the task of every
 * node it should reach has finished (nodes that are down are named, not waited for), collects each
 * node's exit status and log tail, and removes the service again, whatever happened.
 */
public final class HostJobRunner {
  /** {@code global-job} services came with Engine API 1.41 (Docker 20.10). */
  static final int[] MIN_API = {1, 41};
  /**
   * When only a constraint Refit cannot evaluate decides whether nodes match, how long Swarm gets
   * to create the first task before Refit concludes none will come.
   */
  static final Duration NO_TASK_GRACE = Duration.ofSeconds(5);

  private final SwarmApi swarm;
  private final Clock clock;
  private final Duration pollInterval;

  public HostJobRunner(SwarmApi swarm, Clock clock, Duration pollInterval) {
    this.swarm = swarm;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  public HostJobRunner(SwarmApi swarm) {
    this(swarm, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  /**
   * @throws HostJobException when the engine cannot run host jobs
   * @throws DockerEngineException when the engine refuses the job or stops answering
   */
  public HostJobReport run(HostJob job, HostJobListener listener) {
    requireCapableManager();
    String id = swarm.createService(job.serviceSpec(), job.auth());
    listener.created(job.name(), id);
    // Ctrl-C must not leave the job service behind: that clean-up by hand is what host jobs end.
    Thread cleanup = new Thread(() -> removeQuietly(id), "remove host job " + job.name());
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean removed = false;
    try {
      List<NodeResult> results = await(job, id, listener);
      swarm.removeService(id);
      removed = true;
      return new HostJobReport(job.name(), results);
    } finally {
      if (!removed) {
        removeQuietly(id);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; removing twice is harmless
      }
    }
  }

  private void requireCapableManager() {
    if (!swarm.isManager()) {
      throw new HostJobException(
          swarm.host() + " is not a Swarm manager: host jobs run through a manager of the swarm;"
              + " point --host at one (or 'docker swarm init' for a single host)");
    }
    String version = swarm.apiVersion();
    if (!atLeast(version, MIN_API)) {
      throw new HostJobException(
          swarm.host() + " speaks Engine API " + version + ": host jobs need global-job services,"
              + " API 1.41 (Docker 20.10) or newer");
    }
  }

  static boolean atLeast(String version, int[] minimum) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > minimum[0] || (major == minimum[0] && minor >= minimum[1]);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Which nodes the job concerns and what Refit knows of each before any task exists. */
  private enum Plan {
    /** Ready, active and matching: a task must come and finish. */
    EXPECTED,
    /** Ready and active, but a constraint only Swarm can evaluate decides: wait only if a task comes. */
    MAYBE,
    DOWN,
    SKIPPED
  }

  private List<NodeResult> await(HostJob job, String serviceId, HostJobListener listener) {
    Instant started = clock.instant();
    Instant deadline = started.plus(job.timeout());
    Map<String, SwarmNode> nodes = new LinkedHashMap<>();
    Map<String, Plan> plan = new LinkedHashMap<>();
    for (SwarmNode node : swarm.nodes()) {
      Optional<Plan> p = plan(node, job.constraints());
      if (p.isPresent()) {
        nodes.put(node.id(), node);
        plan.put(node.id(), p.get());
      }
    }
    Map<String, SwarmTask> latest = Map.of();
    Map<String, SwarmNode> current = nodes;
    int lastFinished = -1;
    while (true) {
      latest = latestTaskPerNode(swarm.tasks(serviceId));
      current = byId(swarm.nodes());
      int expected = 0;
      int finished = 0;
      for (Map.Entry<String, Plan> entry : plan.entrySet()) {
        String nodeId = entry.getKey();
        SwarmTask task = latest.get(nodeId);
        boolean waitFor =
            entry.getValue() == Plan.EXPECTED || (entry.getValue() == Plan.MAYBE && task != null);
        if (!waitFor) {
          continue;
        }
        expected++;
        SwarmNode now = current.get(nodeId);
        if ((task != null && task.isTerminal()) || now == null || !now.isReady()) {
          finished++;
        }
      }
      // Tasks on nodes Refit did not plan for (joined meanwhile): wait for them too.
      for (Map.Entry<String, SwarmTask> entry : latest.entrySet()) {
        if (!plan.containsKey(entry.getKey())) {
          expected++;
          if (entry.getValue().isTerminal()) {
            finished++;
          }
        }
      }
      if (finished != lastFinished) {
        listener.progress(finished, expected);
        lastFinished = finished;
      }
      boolean nothingComing =
          expected == 0
              && (!plan.containsValue(Plan.MAYBE)
                  || !clock.instant().isBefore(started.plus(NO_TASK_GRACE)));
      if ((expected > 0 && finished == expected) || nothingComing) {
        break;
      }
      if (!clock.instant().isBefore(deadline)) {
        break;
      }
      sleep();
    }
    return results(job, plan, nodes, current, latest);
  }

  private static Optional<Plan> plan(SwarmNode node, List<PlacementConstraint> constraints) {
    boolean unknown = false;
    for (PlacementConstraint c : constraints) {
      Optional<Boolean> match = c.matches(node);
      if (match.isEmpty()) {
        unknown = true;
      } else if (!match.get()) {
        return Optional.empty();
      }
    }
    if (!node.isActive()) {
      return Optional.of(Plan.SKIPPED);
    }
    if (!node.isReady()) {
      return Optional.of(Plan.DOWN);
    }
    return Optional.of(unknown ? Plan.MAYBE : Plan.EXPECTED);
  }

  private List<NodeResult> results(
      HostJob job,
      Map<String, Plan> plan,
      Map<String, SwarmNode> planned,
      Map<String, SwarmNode> current,
      Map<String, SwarmTask> latest) {
    List<NodeResult> results = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    planned.forEach((id, n) -> names.put(id, n.displayName()));
    current.forEach((id, n) -> names.put(id, n.displayName()));
    for (Map.Entry<String, Plan> entry : plan.entrySet()) {
      String nodeId = entry.getKey();
      String name = names.getOrDefault(nodeId, nodeId);
      @Nullable SwarmTask task = latest.get(nodeId);
      // every planned node id comes from the planned nodes
      SwarmNode node = java.util.Objects.requireNonNull(planned.get(nodeId));
      switch (entry.getValue()) {
        case SKIPPED ->
            results.add(new NodeResult(name, nodeId, NodeResult.Status.SKIPPED, null,
                "node availability is " + node.availability() + ": Swarm starts nothing new there", ""));
        case DOWN ->
            results.add(new NodeResult(name, nodeId, NodeResult.Status.DOWN, null,
                "node is " + node.state() + ": not run there", ""));
        case MAYBE -> {
          if (task != null) {
            results.add(taskResult(job, name, nodeId, task, current.get(nodeId)));
          }
        }
        case EXPECTED -> {
          if (task == null) {
            results.add(new NodeResult(name, nodeId, NodeResult.Status.DID_NOT_FINISH, null,
                "Swarm scheduled no task here within " + Durations.format(job.timeout()), ""));
          } else {
            results.add(taskResult(job, name, nodeId, task, current.get(nodeId)));
          }
        }
      }
    }
    for (Map.Entry<String, SwarmTask> entry : latest.entrySet()) {
      if (!plan.containsKey(entry.getKey())) {
        String nodeId = entry.getKey();
        results.add(taskResult(job, names.getOrDefault(nodeId, nodeId), nodeId, entry.getValue(),
            current.get(nodeId)));
      }
    }
    results.sort(Comparator.comparing(NodeResult::node));
    return results;
  }

  private NodeResult taskResult(
      HostJob job, String name, String nodeId, SwarmTask task, @Nullable SwarmNode nodeNow) {
    boolean nodeUp = nodeNow != null && nodeNow.isReady();
    String logs = nodeUp ? logs(task, job.logLines()) : "";
    if (!task.isTerminal()) {
      String detail =
          nodeUp
              ? "still " + task.state() + " after " + Durations.format(job.timeout()) + "; stopped"
              : "node went down while the task was " + task.state();
      return new NodeResult(name, nodeId, NodeResult.Status.DID_NOT_FINISH, null, detail, logs);
    }
    if (task.state().equals("complete")) {
      return new NodeResult(name, nodeId, NodeResult.Status.SUCCEEDED,
          task.exitCode() == null ? 0 : task.exitCode(), "", logs);
    }
    String detail = task.error().isEmpty() ? task.state() + ": " + task.message() : task.error();
    return new NodeResult(name, nodeId, NodeResult.Status.FAILED, task.exitCode(), detail, logs);
  }

  private String logs(SwarmTask task, int lines) {
    if (lines <= 0 || task.state().equals("rejected") || task.state().equals("pending")) {
      return "";
    }
    try {
      return swarm.taskLogs(task.id(), lines);
    } catch (DockerEngineException e) {
      return "(logs unavailable: " + e.getMessage() + ")";
    }
  }

  /** A node may have several tasks (Swarm keeps history); the newest tells. */
  private static Map<String, SwarmTask> latestTaskPerNode(List<SwarmTask> tasks) {
    Map<String, SwarmTask> latest = new HashMap<>();
    for (SwarmTask task : tasks) {
      if (task.nodeId().isEmpty()) {
        continue;
      }
      latest.merge(task.nodeId(), task,
          (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
    }
    return latest;
  }

  private static Map<String, SwarmNode> byId(List<SwarmNode> nodes) {
    Map<String, SwarmNode> map = new LinkedHashMap<>();
    nodes.forEach(n -> map.put(n.id(), n));
    return map;
  }

  private void removeQuietly(String id) {
    try {
      swarm.removeService(id);
    } catch (RuntimeException e) {
      // the failure that got us here matters more; the service name is in the job's output
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a host job", e);
    }
  }

}
