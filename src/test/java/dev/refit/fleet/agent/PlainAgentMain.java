package dev.refit.fleet.agent;

import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.host.EngineFacts;
import dev.refit.fleet.host.HostEnvironment;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.server.FleetEndpoint;
import dev.refit.fleet.server.FleetHub;
import dev.refit.fleet.server.HubStores;
import dev.refit.http.server.Handshaker;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An agent's connection loop against the fleet's own WebSocket endpoint on plain http, in a JVM of
 * its own: it enrols with a join token, exchanges heartbeats and pings for a while, connects again
 * with the credential it got, and is refused a second enrolment under the same name; it prints what happened.
 */
public final class PlainAgentMain {
  private PlainAgentMain() {}

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    FleetHub hub = FleetHub.create(HubStores.inMemory(), null, new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(5)), clock);
    Routes routes = new Routes();
    new FleetEndpoint(hub).addTo(routes);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try (HttpServer server = new HttpServer(routes, ServerLimits.defaults(), Handshaker.PLAIN)) {
      URI base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0));
      String token = hub.issueJoinToken(Duration.ofMinutes(5)).token().reveal();
      Path state = Files.createTempDirectory("plain-agent");
      for (int round = 1; round <= 2; round++) {
        // round 1 enrols with the token; round 2 comes back with the credential it stored
        try (AgentRunner runner = runner(base, state, round == 1 ? token : null, worker, clock)) {
          runner.start();
          long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          while (!runner.connected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          if (round == 1) {
            // past a heartbeat: pings and heartbeats went, pongs came
            Thread.sleep(1500);
          }
          System.out.println("round " + round + " connected " + runner.connected());
        }
      }
      AgentRunner taken = runner(base, Files.createTempDirectory("plain-agent"), token, worker, clock);
      taken.start();
      System.out.println("name taken " + taken.ended().get() + ": " + taken.refusal());
    } finally {
      worker.shutdownNow();
    }
  }

  private static AgentRunner runner(URI base, Path state, String token, ExecutorService worker, Clock clock) {
    CredentialFile credentials = new CredentialFile(state);
    AgentLink link =
        new AgentLink(
            "edge", new IdleHost(), new CommandLedger(new InMemoryLedgerStore(), clock, 10), (id, limit) -> List.of(),
            AgentUpgrader.unsupported(), credentials::write, worker, clock);
    return new AgentRunner(base, "edge", credentials, token, link, Backoff.standard(new SecureRandom()), null, clock);
  }

  /** A host that runs nothing and never cycles. */
  private static final class IdleHost implements HostEnvironment {
    @Override
    public EngineFacts facts() {
      return new EngineFacts("1.0.0", "20.10.24", SwarmRole.STANDALONE);
    }

    @Override
    public Inventory inventory() {
      return new Inventory(Clock.systemUTC().instant(), List.of());
    }

    @Override
    public boolean checked() {
      return false;
    }

    @Override
    public void onInventory(Runnable listener) {}

    @Override
    public CompletableFuture<CommandReport> execute(Command command) {
      return CompletableFuture.completedFuture(new CommandReport(command.id(), false, "idle", ""));
    }
  }
}
