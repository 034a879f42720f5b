package dev.refit.hostjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.DockerEngineException;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmNode;
import dev.refit.docker.swarm.SwarmTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HostJobRunnerTest {

  private static SwarmNode node(String id, String host, String state, String availability, String zone) {
    return new SwarmNode(id, host, "worker", state, availability, Map.of("zone", zone), Map.of(),
        "linux", "x86_64");
  }

  private static SwarmTask task(String node, String state, Integer exit, String err) {
    return new SwarmTask("task-" + node, node, state.equals("running") ? "complete" : "shutdown",
        state, "started", err, exit, "img", Instant.EPOCH);
  }

  private static HostJob job(Duration timeout, String... constraints) {
    return new HostJob("refit-host-job-t", "img", List.of("true"), List.of(),
        List.of(constraints).stream().map(PlacementConstraint::parse).toList(), List.of(), null,
        timeout, 5, Optional.empty());
  }

  /** A swarm whose task list (and node list) follow a script, one entry per poll; the last stays. */
  private static final class JobSwarm implements SwarmApi {
    final Deque<List<SwarmTask>> taskScript = new ArrayDeque<>();
    final Deque<List<SwarmNode>> nodeScript = new ArrayDeque<>();
    List<SwarmTask> lastTasks = List.of();
    List<SwarmNode> lastNodes = List.of();
    boolean manager = true;
    String apiVersion = "1.41";
    final List<String> calls = new ArrayList<>();
    Supplier<RuntimeException> taskFailure;

    JobSwarm nodes(List<SwarmNode> nodes) {
      lastNodes = nodes;
      return this;
    }

    @SafeVarargs
    final JobSwarm tasks(List<SwarmTask>... script) {
      taskScript.addAll(List.of(script));
      return this;
    }

    @Override public String host() { return "unix:///fake.sock"; }
    @Override public boolean isManager() { return manager; }
    @Override public String apiVersion() { return apiVersion; }
    @Override public List<ServiceSnapshot> services() { return List.of(); }
    @Override public ServiceSnapshot service(String idOrName) { throw new UnsupportedOperationException(); }
    @Override public void updateService(String id, long v, ObjectNode s, Optional<RegistryAuth> a) { throw new UnsupportedOperationException(); }
    @Override public void rollbackService(String id, long v, ObjectNode s) { throw new UnsupportedOperationException(); }

    @Override
    public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
      calls.add("create " + spec.path("Name").asText());
      return "job1";
    }

    @Override
    public void removeService(String id) {
      calls.add("remove " + id);
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
      if (taskFailure != null) {
        throw taskFailure.get();
      }
      if (!taskScript.isEmpty()) {
        lastTasks = taskScript.poll();
      }
      return lastTasks;
    }

    @Override
    public List<SwarmNode> nodes() {
      if (!nodeScript.isEmpty()) {
        lastNodes = nodeScript.poll();
      }
      return lastNodes;
    }

    @Override
    public String taskLogs(String taskId, int tail) {
      calls.add("logs " + taskId);
      return "output of " + taskId + "\n";
    }
  }

  private static HostJobRunner runner(JobSwarm swarm) {
    return new HostJobRunner(swarm, Clock.systemUTC(), Duration.ofMillis(1));
  }

  @Test
  void reportsEveryNodeListsDownAndDrainedOnesAndRemovesTheService() {
    JobSwarm swarm =
        new JobSwarm()
            .nodes(
                List.of(
                    node("n1", "alpha", "ready", "active", "lab"),
                    node("n2", "bravo", "down", "active", "lab"),
                    node("n3", "charlie", "ready", "drain", "lab"),
                    node("n4", "delta", "ready", "active", "office"),
                    node("n5", "echo", "ready", "active", "lab")))
            .tasks(
                List.of(),
                List.of(task("n1", "running", null, ""), task("n5", "running", null, "")),
                List.of(task("n1", "complete", 0, ""), task("n5", "failed", 2, "task: non-zero exit (2)")));

    HostJobReport report = runner(swarm).run(job(Duration.ofSeconds(5), "node.labels.zone==lab"), HostJobListener.none());

    assertThat(report.nodes())
        .containsExactly(
            new NodeResult("alpha", "n1", NodeResult.Status.SUCCEEDED, 0, "", "output of task-n1\n"),
            new NodeResult("bravo", "n2", NodeResult.Status.DOWN, null, "node is down: not run there", ""),
            new NodeResult("charlie", "n3", NodeResult.Status.SKIPPED, null,
                "node availability is drain: Swarm starts nothing new there", ""),
            new NodeResult("echo", "n5", NodeResult.Status.FAILED, 2, "task: non-zero exit (2)",
                "output of task-n5\n"));
    assertThat(report.succeeded()).isFalse();
    assertThat(swarm.calls).first().isEqualTo("create refit-host-job-t");
    assertThat(swarm.calls).last().isEqualTo("remove job1");
  }

  @Test
  void succeedsWhenEveryReachableNodeSucceeded() {
    JobSwarm swarm =
        new JobSwarm()
            .nodes(List.of(node("n1", "alpha", "ready", "active", "lab"), node("n3", "c", "ready", "pause", "lab")))
            .tasks(List.of(task("n1", "complete", 0, "")));

    HostJobReport report = runner(swarm).run(job(Duration.ofSeconds(5)), HostJobListener.none());

    assertThat(report.succeeded()).isTrue();
    assertThat(report.count(NodeResult.Status.SKIPPED)).isOne();
  }

  @Test
  void stopsWaitingAtTheTimeout() {
    JobSwarm swarm =
        new JobSwarm()
            .nodes(List.of(node("n1", "alpha", "ready", "active", "lab"), node("n2", "bravo", "ready", "active", "lab")))
            .tasks(List.of(task("n1", "running", null, "")));

    HostJobReport report = runner(swarm).run(job(Duration.ofMillis(50)), HostJobListener.none());

    assertThat(report.nodes())
        .extracting(NodeResult::node, NodeResult::status, NodeResult::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", NodeResult.Status.DID_NOT_FINISH, "still running after 50ms; stopped"),
            org.assertj.core.groups.Tuple.tuple("bravo", NodeResult.Status.DID_NOT_FINISH, "Swarm scheduled no task here within 50ms"));
    assertThat(swarm.calls).last().isEqualTo("remove job1");
  }

  @Test
  void aNodeThatGoesDownIsNotWaitedFor() {
    JobSwarm swarm =
        new JobSwarm().nodes(List.of(node("n1", "alpha", "ready", "active", "lab")))
            .tasks(List.of(task("n1", "running", null, "")));
    swarm.nodeScript.add(List.of(node("n1", "alpha", "ready", "active", "lab")));
    swarm.nodeScript.add(List.of(node("n1", "alpha", "ready", "active", "lab")));
    swarm.nodeScript.add(List.of(node("n1", "alpha", "down", "active", "lab")));

    HostJobReport report = runner(swarm).run(job(Duration.ofMinutes(10)), HostJobListener.none());

    assertThat(report.nodes())
        .containsExactly(new NodeResult("alpha", "n1", NodeResult.Status.DID_NOT_FINISH, null,
            "node went down while the task was running", ""));
  }

  @Test
  void removesTheServiceWhenWaitingFails() {
    JobSwarm swarm = new JobSwarm().nodes(List.of(node("n1", "alpha", "ready", "active", "lab")));
    swarm.taskFailure = () -> new DockerEngineException("cannot list tasks: gone", 500);

    assertThatThrownBy(() -> runner(swarm).run(job(Duration.ofSeconds(5)), HostJobListener.none()))
        .hasMessage("cannot list tasks: gone");
    assertThat(swarm.calls).containsExactly("create refit-host-job-t", "remove job1");
  }

  @Test
  void needsAManagerWithGlobalJobs() {
    JobSwarm worker = new JobSwarm();
    worker.manager = false;
    assertThatThrownBy(() -> runner(worker).run(job(Duration.ofSeconds(1)), HostJobListener.none()))
        .isInstanceOf(HostJobException.class)
        .hasMessageStartingWith("unix:///fake.sock is not a Swarm manager");
    JobSwarm old = new JobSwarm();
    old.apiVersion = "1.40";
    assertThatThrownBy(() -> runner(old).run(job(Duration.ofSeconds(1)), HostJobListener.none()))
        .hasMessage(
            "unix:///fake.sock speaks Engine API 1.40: host jobs need global-job services, API 1.41"
                + " (Docker 20.10) or newer");
    assertThat(old.calls).isEmpty();
    assertThat(HostJobRunner.atLeast("1.43", HostJobRunner.MIN_API)).isTrue();
    assertThat(HostJobRunner.atLeast("2.0", HostJobRunner.MIN_API)).isTrue();
  }
}
