package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.testing.SwarmFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Refits (each the shaded jar in its own JVM, each with its own state directory, so their
 * state locks never meet) update the same target at the same moment, a few rounds in a row:
 * exactly one applies, the other says the target is busy and skips it, and the target ends on the
 * new image, running, with its data. Nothing prints a library stack trace.
 */
class ConcurrentRefitsIT {
  private static final Path JAR = Path.of("target", "refit.jar");
  private static final int ROUNDS = 2;
  private static UpdateTestbed bed;
  private static Path stateA;
  private static Path stateB;

  @BeforeAll
  static void setUp() throws IOException {
    bed = new UpdateTestbed("concurrent-it", null);
    stateA = Files.createDirectories(bed.dir.resolve("state-a"));
    stateB = Files.createDirectories(bed.dir.resolve("state-b"));
    bed.publish("race:1.0.0", "LABEL v=0", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
  }

  @AfterAll
  static void tearDown() {
    bed.close();
  }

  @Test
  void exactlyOneOfTwoRefitsUpdatesAContainerTheOtherSaysBusy() throws Exception {
    bed.run(
        "acc-race",
        """
        {"Image": "%s", "StopTimeout": 1, "Volumes": {"/data": {}}, "HostConfig": {"NetworkMode": "none"}}
        """
            .formatted(bed.image("race:1.0.0")),
        Map.of());
    bed.exec("acc-race", "sh", "-c", "echo keep > /data/f");

    for (int round = 1; round <= ROUNDS; round++) {
      String tag = "race:1.0." + round;
      bed.publish(tag, "LABEL v=" + round, "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");

      long began = System.nanoTime();
      List<String> outputs = updateAtOnce("acc-race");

      String report = "round " + round + ":\n" + String.join("\n-----\n", outputs);
      System.out.println(report + "\n(" + (System.nanoTime() - began) / 1_000_000 + " ms)");
      long applied = outputs.stream().filter(o -> o.contains("\n1 updated")).count();
      assertThat(applied).as(report).isEqualTo(1);
      assertThat(outputs.stream().filter(ConcurrentRefitsIT::leftItAlone).count()).as(report).isEqualTo(1);
      for (String o : outputs) {
        assertThat(o).as(report).doesNotContain("rolled back", "ERROR", "Exception", "\tat ");
      }
      JsonNode now = bed.inspect("acc-race");
      assertThat(now.path("State").path("Running").asBoolean()).as(report).isTrue();
      assertThat(now.path("Config").path("Image").asText()).as(report).isEqualTo(bed.image(tag));
      assertThat(bed.exec("acc-race", "cat", "/data/f")).isEqualTo("keep\n");
      assertThat(bed.exists("acc-race-refit-old")).as(report).isFalse();
      assertThat(bed.exists("acc-race-refit-claim")).as(report).isFalse();
    }
  }

  @Test
  void exactlyOneOfTwoRefitsUpdatesAServiceTheOtherSaysBusy() throws Exception {
    bed.publish("srace:1.0.0", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
    try (SwarmFixture swarm = SwarmFixture.init(UpdateTestbed.ENV)) {
      String id =
          swarm.createService(
              (ObjectNode)
                  UpdateTestbed.json(
                      """
                      {"Name": "svc-race", "Labels": {"refit.enable": "true"},
                       "TaskTemplate": {"ContainerSpec": {"Image": "%s", "StopGracePeriod": 1000000000}},
                       "Mode": {"Replicated": {"Replicas": 1}},
                       "UpdateConfig": {"Monitor": 1000000000, "Order": "start-first"}}
                      """
                          .formatted(bed.image("srace:1.0.0"))));
      swarm.awaitRunning(id, 1, Duration.ofSeconds(60));
      for (int round = 1; round <= 2; round++) {
        String tag = "srace:1.0." + round;
        String digest = bed.publish(tag, "LABEL v=" + round, "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");

        long began = System.nanoTime();
        List<String> outputs = updateAtOnce("svc-race");

        String report = "round " + round + ":\n" + String.join("\n-----\n", outputs);
        System.out.println(report + "\n(" + (System.nanoTime() - began) / 1_000_000 + " ms)");
        assertThat(outputs.stream().filter(o -> o.contains("\n1 updated")).count()).as(report).isEqualTo(1);
        assertThat(outputs.stream().filter(ConcurrentRefitsIT::leftItAlone).count()).as(report).isEqualTo(1);
        for (String o : outputs) {
          assertThat(o).as(report).doesNotContain("rolled back", "ERROR", "Exception", "\tat ");
        }
        assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(bed.image(tag) + "@" + digest);
        swarm.awaitRunning(id, 1, Duration.ofSeconds(60));
      }
      swarm.removeServices();
    }
  }

  @Test
  void aDaemonAndAPersonNeverBothUpdateAContainer() throws Exception {
    // a repository of its own: the other tests' pushes must not decide which tag is newest here
    bed.publish("duel:1.0.0", "LABEL duel=0", "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
    bed.run(
        "acc-duel",
        """
        {"Image": "%s", "StopTimeout": 1, "Volumes": {"/data": {}}, "HostConfig": {"NetworkMode": "none"}}
        """
            .formatted(bed.image("duel:1.0.0")),
        Map.of());
    bed.exec("acc-duel", "sh", "-c", "echo keep > /data/f");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path daemonLog = Files.createTempFile(bed.dir, "serve-", ".log");
    Map<String, String> env = new HashMap<>(bed.refitEnvironment());
    env.put("REFIT_STATE_DIR", Files.createDirectories(bed.dir.resolve("state-daemon")).toString());
    env.put("REFIT_SERVE_PORT", Integer.toString(port));
    env.put("REFIT_API_TOKEN", "duel-token-0123456789");
    // only the API starts cycles here: no schedule, no Docker events
    env.put("REFIT_SCHEDULE", "off");
    env.put("REFIT_DOCKER_EVENTS", "false");
    ProcessBuilder serve =
        new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(), "serve")
            .redirectErrorStream(true)
            .redirectOutput(daemonLog.toFile());
    serve.environment().putAll(env);
    Process daemon = serve.start();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .failFast("refit serve exited; see " + daemonLog, () -> !daemon.isAlive())
          .ignoreExceptions()
          .until(
              () ->
                  http.send(
                              java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/healthz")).build(),
                              java.net.http.HttpResponse.BodyHandlers.ofString())
                          .statusCode()
                      == 200);
      for (int round = 1; round <= ROUNDS; round++) {
        String tag = "duel:1.0." + round;
        bed.publish(tag, "LABEL duel=" + round, "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]");
        // the person's JVM takes a moment to start: give it a head start so both check at once
        java.util.concurrent.CompletableFuture<List<String>> person =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return updateFrom(List.of(stateA), "acc-duel");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        Thread.sleep(round * 400L);
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> api =
            http.sendAsync(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/targets/acc-duel/apply"))
                    .header("Authorization", "Bearer duel-token-0123456789")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(90))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String cli = person.get(120, TimeUnit.SECONDS).get(0);
        JsonNode answer = UpdateTestbed.json(api.get(100, TimeUnit.SECONDS).body());

        String report = "round " + round + ":\napi: " + answer + "\ncli: " + cli;
        System.out.println(report);
        // the API answers the outcome, or "none" when the fresh check found it up to date already
        String outcome = answer.path("outcome").asText();
        boolean apiApplied = outcome.equals("applied");
        boolean apiSkipped = outcome.equals("skipped") || outcome.equals("none");
        boolean cliApplied = cli.contains("\n1 updated");
        boolean cliSkipped = cli.contains("\n1 skipped") || cli.contains("up to date");
        assertThat(apiApplied ^ cliApplied).as(report).isTrue();
        assertThat(apiApplied ? cliSkipped : apiSkipped).as(report).isTrue();
        assertThat(cli).as(report).doesNotContain("rolled back", "ERROR", "Exception", "\tat ");
        JsonNode now = bed.inspect("acc-duel");
        assertThat(now.path("State").path("Running").asBoolean()).as(report).isTrue();
        assertThat(now.path("Config").path("Image").asText()).as(report).isEqualTo(bed.image(tag));
        assertThat(bed.exec("acc-duel", "cat", "/data/f")).isEqualTo("keep\n");
        assertThat(bed.exists("acc-duel-refit-old")).as(report).isFalse();
        assertThat(bed.exists("acc-duel-refit-claim")).as(report).isFalse();
      }
      assertThat(Files.readString(daemonLog)).doesNotContain("ERROR", "\tat ");
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  /**
   * The loser's word: it found the other Refit's claim (or the other's update already done while
   * it looked), or, when it looked only after the winner had finished, nothing left to do. Which
   * one depends on timing; what never happens is a second update or a rollback.
   */
  private static boolean leftItAlone(String output) {
    boolean skipped =
        output.contains("\n1 skipped")
            && (output.contains("skipped: being updated by another Refit (")
                || output.contains("skipped: updated meanwhile by another Refit"));
    return skipped || output.contains("\n1 up to date");
  }

  /** {@code refit update NAME} from two JVMs with their own state directories, started together. */
  private static List<String> updateAtOnce(String name) throws Exception {
    return updateFrom(List.of(stateA, stateB), name);
  }

  /** {@code refit update NAME} from one JVM per state directory, started together. */
  private static List<String> updateFrom(List<Path> states, String name) throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (Path state : states) {
      Path log = Files.createTempFile(bed.dir, "refit-", ".log");
      Map<String, String> env = new HashMap<>(bed.refitEnvironment());
      env.put("REFIT_STATE_DIR", state.toString());
      ProcessBuilder builder =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(), "update",
                  name)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      processes.add(builder.start());
      logs.add(log);
    }
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      outputs.add("exit " + p.exitValue() + "\n" + Files.readString(logs.get(i), StandardCharsets.UTF_8));
    }
    return outputs;
  }
}
