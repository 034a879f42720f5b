package dev.refit.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test), run by {@code bench/webhook-latency}: how long after a registry push
 * does the container run the new image, healthy, through {@code refit serve} and the registry's
 * own notifications; minus what Docker itself needs for the same pull, start and health check.
 * Also the resident memory of an idle {@code refit serve}. Prints its figures.
 *
 * <p>Args: {@code <refit.jar> [pushes=10]}. Needs the environment of {@code scripts/lib/testenv.sh}.
 */
public final class WebhookLatency {
  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final String SECRET = "bench-hook-secret";
  private static final HealthCheck HEALTH =
      new HealthCheck()
          .withTest(List.of("CMD", "/bin/true"))
          .withInterval(Duration.ofMillis(500).toNanos())
          .withTimeout(Duration.ofSeconds(2).toNanos())
          .withRetries(3);

  /**
   * Stops at once on SIGTERM, as a real service does; {@code sleep} as PID 1 would ignore it and
   * make every recreate wait Docker's 10 s stop timeout.
   */
  private static final List<String> SERVE = List.of("/bin/sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

  private WebhookLatency() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    TestEnvironment env = TestEnvironment.get();
    Path dir = Files.createTempDirectory(env.dir(), "bench-webhook-");
    int port = freePort();
    try (DockerClient docker = env.dockerClient();
        TestImages images = new TestImages(env);
        ContainerFixture containers = new ContainerFixture(docker);
        HealthEvents health = new HealthEvents(docker);
        RegistryProcess registry =
            RegistryProcess.builder()
                .storage(Files.createDirectories(dir.resolve("storage")))
                .parentDirectory(dir)
                .notifications(
                    "http://127.0.0.1:" + port + "/webhooks/distribution",
                    Map.of("Authorization", "Bearer " + SECRET))
                .start()) {
      containers.removeAll();
      String app = registry.address() + "/bench/app";
      images.importAndPush(app + ":1.0.0", Map.of("n", "0"), SERVE);
      run(docker, "bench-app", app + ":1.0.0", Map.of("refit.enable", "true"));
      health.await("bench-app", Duration.ofSeconds(60));

      Process refit = startRefit(jar, env, dir, port);
      try {
        awaitHealthz(port, Duration.ofSeconds(60));
        Thread.sleep(15_000); // the start cycle, then idle
        long idleRssKb = rssKb(refit.pid());

        List<Long> endToEnd = new ArrayList<>();
        List<Long> docker0 = new ArrayList<>();
        for (int i = 1; i <= pushes; i++) {
          String tag = "1.0." + i;
          images.importImage(app + ":" + tag, Map.of("n", String.valueOf(i)), SERVE);
          health.clear();
          images.push(app + ":" + tag);
          // the push is complete (manifest stored, notification sent); the engine's clock is ours
          long pushedAt = System.currentTimeMillis() * 1_000_000L;
          long healthyAt = health.awaitImage("bench-app", app + ":" + tag, docker, Duration.ofSeconds(120));
          endToEnd.add((healthyAt - pushedAt) / 1_000_000L);

          // Docker alone: pull a fresh digest, create, start, healthy
          String base = app + ":baseline-" + i;
          images.importImage(base, Map.of("baseline", String.valueOf(i)), SERVE);
          images.push(base);
          docker.removeImageCmd(base).withForce(true).exec();
          health.clear();
          long start = System.currentTimeMillis() * 1_000_000L;
          docker
              .pullImageCmd(app)
              .withTag("baseline-" + i)
              .exec(new ResultCallback.Adapter<PullResponseItem>())
              .awaitCompletion(2, TimeUnit.MINUTES);
          run(docker, "bench-baseline-" + i, base, Map.of());
          long baselineHealthy = health.await("bench-baseline-" + i, Duration.ofSeconds(60));
          docker0.add((baselineHealthy - start) / 1_000_000L);
          docker.removeContainerCmd("bench-baseline-" + i).withForce(true).exec();
          System.err.printf("push %2d: push->healthy %5d ms, docker pull+start+health %5d ms%n",
              i, endToEnd.get(i - 1), docker0.get(i - 1));
        }
        long activeRssKb = rssKb(refit.pid());
        List<Long> overhead = new ArrayList<>();
        for (int i = 0; i < endToEnd.size(); i++) {
          overhead.add(endToEnd.get(i) - docker0.get(i));
        }
        System.out.println("bench/webhook-latency: " + pushes + " pushes, registry notifications -> refit serve -> recreate");
        System.out.println("  push -> new container healthy: " + stats(endToEnd));
        System.out.println("  docker pull+start+health:      " + stats(docker0));
        System.out.println("  Refit's latency (difference):  " + stats(overhead));
        System.out.println("  refit serve (" + (System.getenv("REFIT_JAVA_OPTS") == null ? "default JVM options" : System.getenv("REFIT_JAVA_OPTS")) + ") RSS: idle " + idleRssKb / 1024 + " MB, after the pushes " + activeRssKb / 1024 + " MB");
      } finally {
        refit.destroy();
        refit.waitFor(10, TimeUnit.SECONDS);
        containers.removeAll();
      }
    }
  }

  private static String stats(List<Long> ms) {
    List<Long> sorted = ms.stream().sorted().toList();
    double mean = ms.stream().mapToLong(Long::longValue).average().orElse(0);
    return String.format(
        "median %d ms, mean %.0f ms, min %d ms, max %d ms",
        sorted.get(sorted.size() / 2), mean, sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static void run(DockerClient docker, String name, String image, Map<String, String> labels) {
    java.util.Map<String, String> all = new java.util.HashMap<>(labels);
    all.put(ContainerFixture.TEST_LABEL, "true");
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withLabels(all)
            .withHealthcheck(HEALTH)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"));
    docker.startContainerCmd(create.exec().getId()).exec();
  }

  private static Process startRefit(Path jar, TestEnvironment env, Path dir, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    String opts = System.getenv("REFIT_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      command.addAll(List.of(opts.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "serve"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("refit.log").toFile());
    Map<String, String> e = pb.environment();
    e.put("DOCKER_HOST", env.dockerHost());
    e.put("DOCKER_CONFIG", Files.createDirectories(dir.resolve("docker-config")).toString());
    e.put("REFIT_STATE_DIR", dir.resolve("state").toString());
    e.put("REFIT_SERVE_PORT", String.valueOf(port));
    e.put("REFIT_API_TOKEN", TOKEN);
    e.put("REFIT_SCHEDULE", "off");
    e.put("REFIT_WEBHOOK_DISTRIBUTION_SECRET", SECRET);
    e.put("REFIT_LOG_LEVEL", "INFO");
    return pb.start();
  }

  private static void awaitHealthz(int port, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r =
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("refit serve did not answer /healthz within " + timeout);
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The engine's health_status events, with the engine's own timestamps. */
  private static final class HealthEvents implements AutoCloseable {
    private record Healthy(String name, String image, long timeNanos) {}

    private final BlockingQueue<Healthy> events = new LinkedBlockingQueue<>();
    private final ResultCallback.Adapter<Event> stream;

    HealthEvents(DockerClient docker) {
      stream =
          docker
              .eventsCmd()
              .withEventTypeFilter(EventType.CONTAINER)
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                      if (e.getStatus() != null && e.getStatus().equals("health_status: healthy")) {
                        Map<String, String> attributes = e.getActor() == null ? Map.of() : e.getActor().getAttributes();
                        events.add(new Healthy(attributes.get("name"), attributes.get("image"), e.getTimeNano()));
                      }
                    }
                  });
    }

    void clear() {
      events.clear();
    }

    long await(String name, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Healthy h = events.poll(100, TimeUnit.MILLISECONDS);
        if (h != null && name.equals(h.name())) {
          return h.timeNanos();
        }
      }
      throw new IllegalStateException(name + " was not healthy within " + timeout);
    }

    long awaitImage(String name, String image, DockerClient docker, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Healthy h = events.poll(100, TimeUnit.MILLISECONDS);
        if (h != null && name.equals(h.name()) && image.equals(h.image())) {
          return h.timeNanos();
        }
      }
      throw new IllegalStateException(name + " did not run " + image + " healthy within " + timeout);
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
