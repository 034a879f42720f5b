package dev.refit.fleet.agent;

import dev.refit.docker.DockerEngine;
import dev.refit.fleet.host.EngineFacts;
import dev.refit.fleet.host.LocalEnvironment;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.server.DaemonCore;
import dev.refit.store.Database;
import dev.refit.store.UpdateHistory;
import java.net.URI;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * {@code refit agent}, put together: the same pipeline and triggers as {@code refit serve} (its
 * own schedule, events, registry credentials and state directory), with the server's commands as
 * one more trigger and its reports going upstream instead of to an HTTP API.
 */
public final class Agent implements AutoCloseable {
  private final DaemonCore core;
  private final AgentRunner runner;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "refit-agent-upgrade");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param engine the engine this agent looks after; owned by the caller
   * @param database the agent's own state (history, journal, ledger); its directory holds the
   *     credential
   */
  public Agent(
      PipelineFactory pipelines,
      DockerEngine engine,
      Database database,
      URI server,
      String name,
      @Nullable String joinToken,
      @Nullable SSLContext ssl,
      AgentUpgrader upgrader) {
    this.core = new DaemonCore(pipelines, engine, database);
    LocalEnvironment local =
        new LocalEnvironment(core, EngineFacts.of(engine), pipelines.clock());
    CommandLedger ledger =
        new CommandLedger(new SqlLedgerStore(database), pipelines.clock(), CommandLedger.DEFAULT_CAPACITY);
    CredentialFile credentials = new CredentialFile(database.directory());
    AgentLink link =
        new AgentLink(
            name,
            local,
            ledger,
            new UpdateHistory(database)::ownAfter,
            upgrader,
            credentials::write,
            worker,
            pipelines.clock());
    link.failInterrupted();
    this.runner =
        new AgentRunner(
            server,
            name,
            credentials,
            joinToken,
            link,
            Backoff.standard(new SecureRandom()),
            ssl,
            pipelines.clock());
  }

  public void start() {
    core.start();
    runner.start();
  }

  public boolean connected() {
    return runner.connected();
  }

  public CompletableFuture<AgentRunner.Ending> ended() {
    return runner.ended();
  }

  public @Nullable String refusal() {
    return runner.refusal();
  }

  @Override
  public void close() {
    runner.close();
    worker.shutdownNow();
    core.close();
  }
}
