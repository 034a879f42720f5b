package dev.refit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandAck;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Heartbeat;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolVersion;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.protocol.Welcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test), run by {@code bench/fleet-scale}: one real {@code refit serve} (started
 * through the {@code ./refit} launcher, so with its JVM defaults) and N simulated agents in this
 * process, each a real WebSocket client speaking the fleet protocol (enrols with its own join
 * token, hello, inventory, heartbeats, acknowledges commands). Prints: enrolment time, the
 * server's RSS and CPU while idle with N agents, the time from creating a campaign over all of
 * them to every agent holding its command, and the idle RSS of one real {@code refit agent}.
 *
 * <p>Args: {@code <repo dir> [agents=1000] [idle seconds=30]}. Needs the environment of {@code
 * scripts/lib/testenv.sh} (an engine for the server's and the real agent's {@code docker.host}).
 */
public final class FleetScale {
  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageCodec CODEC = new MessageCodec();
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private FleetScale() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]).toAbsolutePath();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path dir = Files.createTempDirectory("refit-fleet-scale");
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    Process server = start(repo, dir.resolve("server"), "serve", Map.of(
        "REFIT_SERVE_PORT", String.valueOf(port),
        "REFIT_API_TOKEN", TOKEN,
        "REFIT_SCHEDULE", "off",
        "REFIT_FLEET_LOCAL", "false",
        "REFIT_FLEET_HEARTBEAT", "15s",
        "REFIT_FLEET_OFFLINE_AFTER", "60s"));
    Process agentProcess = null;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ScheduledExecutorService beats = Executors.newScheduledThreadPool(2);
    List<SimAgent> agents = new ArrayList<>();
    try {
      awaitHealthz(http, base, server, Duration.ofSeconds(90));
      long serverStartRss = rssKb(server.pid());
      System.out.printf("refit serve up (pid %d), RSS %d MB before any agent; load %s%n",
          server.pid(), serverStartRss / 1024, load());

      // enrolment: a join token each, N WebSockets dialled 50 at a time
      long t0 = System.nanoTime();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        tokens.add(api(http, base, "POST", "/api/fleet/join-tokens", "{}").path("token").asText());
      }
      long tokensMs = ms(t0);
      CountDownLatch welcomed = new CountDownLatch(n);
      Semaphore dialling = new Semaphore(50);
      List<CompletableFuture<WebSocket>> dials = new ArrayList<>();
      t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        SimAgent agent = new SimAgent(String.format("sim-%04d", i), welcomed, beats);
        agents.add(agent);
        dialling.acquire();
        dials.add(
            http.newWebSocketBuilder()
                .header("Authorization", "Join " + tokens.get(i))
                .header("Refit-Agent-Name", agent.name)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/fleet/connect"), agent)
                .whenComplete((ws, e) -> dialling.release()));
      }
      for (CompletableFuture<WebSocket> d : dials) {
        d.get(60, TimeUnit.SECONDS);
      }
      if (!welcomed.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(welcomed.getCount() + " agents got no welcome");
      }
      long enrolMs = ms(t0);
      System.out.printf("%d simulated agents: join tokens in %d ms, enrolled + welcomed in %d ms%n", n, tokensMs, enrolMs);
      int online = api(http, base, "GET", "/api/fleet/environments", null).path("environments").size();
      System.out.printf("server lists %d environments%n", online);

      // idle: RSS and CPU with every agent connected and heartbeating
      Thread.sleep(5000);
      long cpu0 = cpuTicks(server.pid());
      long wall0 = System.nanoTime();
      Thread.sleep(idleSeconds * 1000L);
      long cpu1 = cpuTicks(server.pid());
      double idleCpu = 100.0 * (cpu1 - cpu0) / 100.0 / ((System.nanoTime() - wall0) / 1e9);
      long idleRss = rssKb(server.pid());
      System.out.printf("server idle with %d agents: RSS %d MB, CPU %.1f%% of one core over %d s; load %s%n",
          n, idleRss / 1024, idleCpu, idleSeconds, load());

      // dispatch: one campaign over all of them, every environment in the first wave
      String campaign =
          "{\"action\": \"upgrade-agent\", \"image\": \"127.0.0.1:5000/refit:9.9.9\", \"all\": true,"
              + " \"batchSize\": " + n + ", \"haltAfter\": " + n + "}";
      CountDownLatch held = new CountDownLatch(n);
      SimAgent.commands = held;
      long created = System.nanoTime();
      JsonNode c = api(http, base, "POST", "/api/campaigns", campaign);
      long answeredMs = ms(created);
      boolean all = held.await(120, TimeUnit.SECONDS);
      long lastMs = agents.stream().mapToLong(a -> a.commandAt == 0 ? Long.MAX_VALUE : a.commandAt).max().orElse(0);
      System.out.printf("campaign %s over %d environments: API answered in %d ms; %s agents held their command after %d ms%s%n",
          c.path("id").asText(), c.path("environments").size(), answeredMs, all ? "all" : "NOT all",
          all ? (lastMs - created) / 1_000_000 : -1, all ? "" : " (" + held.getCount() + " missing)");
      long dispatchRss = rssKb(server.pid());
      for (SimAgent a : agents) {
        a.report();
      }
      String phase = awaitPhase(http, base, c.path("id").asText(), "completed", Duration.ofSeconds(300));
      System.out.printf("campaign %s %d ms from create, after every agent reported; server RSS %d MB after dispatch, %d MB after the reports%n",
          phase, ms(created), dispatchRss / 1024, rssKb(server.pid()) / 1024);

      // one real agent, idle
      String token = api(http, base, "POST", "/api/fleet/join-tokens", "{}").path("token").asText();
      agentProcess = start(repo, dir.resolve("agent"), "agent", Map.of(
          "REFIT_SCHEDULE", "off", "ARGS", "--server " + base + " --join-token " + token + " --name real-agent"));
      awaitOnline(http, base, "real-agent", Duration.ofSeconds(90));
      Thread.sleep(idleSeconds * 1000L);
      System.out.printf("one real refit agent (launcher defaults), idle %d s after connecting: RSS %d MB; load %s%n",
          idleSeconds, rssKb(agentProcess.pid()) / 1024, load());
    } finally {
      beats.shutdownNow();
      for (SimAgent a : agents) {
        a.abort();
      }
      if (agentProcess != null) {
        agentProcess.destroy();
        agentProcess.waitFor(20, TimeUnit.SECONDS);
      }
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** One simulated agent: the protocol of {@code refit agent}, no pipeline behind it. */
  private static final class SimAgent implements WebSocket.Listener {
    static volatile CountDownLatch commands = new CountDownLatch(0);
    final String name;
    final CountDownLatch welcomed;
    final ScheduledExecutorService beats;
    final StringBuilder partial = new StringBuilder();
    volatile WebSocket ws;
    volatile int heartbeatSeconds = 15;
    volatile Command command;
    volatile long commandAt;

    SimAgent(String name, CountDownLatch welcomed, ScheduledExecutorService beats) {
      this.name = name;
      this.welcomed = welcomed;
      this.beats = beats;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      send(new Hello(ProtocolVersion.CURRENT, name, "0.9.0", "20.10.24", SwarmRole.STANDALONE));
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        Message m = CODEC.decode(partial.toString());
        partial.setLength(0);
        if (m instanceof Welcome w) {
          heartbeatSeconds = w.heartbeatSeconds();
          send(new Inventory(Instant.now(), List.of(new InventoryTarget(
              TargetKind.CONTAINER, "web", "127.0.0.1:5000/web", "1.0.0", DIGEST, "1.1.0", "semver", "notify"))));
          // heartbeats from the welcome on, as a real agent sends them
          beats.scheduleAtFixedRate(this::beat, heartbeatSeconds * 1000L, heartbeatSeconds * 1000L, TimeUnit.MILLISECONDS);
          welcomed.countDown();
        } else if (m instanceof Command c) {
          if (command == null) {
            commandAt = System.nanoTime();
            command = c;
            commands.countDown();
          }
          send(new CommandAck(c.id()));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      System.err.println(name + ": " + error);
    }

    void beat() {
      send(new Heartbeat(Instant.now()));
    }

    void report() {
      Command c = command;
      if (c != null) {
        send(new CommandReport(c.id(), true, "upgraded (simulated)", ""));
      }
    }

    /** One frame at a time per socket, as the JDK's WebSocket requires. */
    synchronized void send(Message m) {
      WebSocket open = ws;
      if (open != null && !open.isOutputClosed()) {
        open.sendText(CODEC.encode(m), true).join();
      }
    }

    void abort() {
      WebSocket open = ws;
      if (open != null) {
        open.abort();
      }
    }
  }

  private static Process start(Path repo, Path dir, String command, Map<String, String> env) throws IOException {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(repo.resolve("refit").toString(), command));
    String args = env.get("ARGS");
    if (args != null) {
      cmd.addAll(List.of(args.split(" ")));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("refit.log").toFile());
    Map<String, String> e = pb.environment();
    e.put("DOCKER_CONFIG", Files.createDirectories(dir.resolve("docker-config")).toString());
    e.put("REFIT_STATE_DIR", dir.resolve("state").toString());
    e.put("REFIT_LOG_LEVEL", "WARN");
    e.put("DOCKER_HOST", System.getenv("REFIT_TEST_DOCKER_HOST"));
    env.forEach((k, v) -> {
      if (!k.equals("ARGS")) {
        e.put(k, v);
      }
    });
    return pb.start();
  }

  private static JsonNode api(HttpClient http, String base, String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(120))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static void awaitHealthz(HttpClient http, String base, Process server, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("refit serve exited " + server.exitValue() + "; see its refit.log");
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("refit serve did not answer /healthz within " + timeout);
  }

  private static void awaitOnline(HttpClient http, String base, String name, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (api(http, base, "GET", "/api/fleet/environments/" + name, null).path("online").asBoolean()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not enrolled yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " did not come online within " + timeout);
  }

  /** The phase it reached, or "still <phase> after <timeout>" (printed, not fatal: a figure too). */
  private static String awaitPhase(HttpClient http, String base, String id, String phase, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String now = "";
    while (System.nanoTime() < deadline) {
      now = api(http, base, "GET", "/api/campaigns/" + id, null).path("phase").asText();
      if (now.equals(phase)) {
        return now;
      }
      Thread.sleep(500);
    }
    return "still " + now + " after " + timeout.toSeconds() + " s";
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** utime + stime of the process, in clock ticks (100 per second on Linux). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
