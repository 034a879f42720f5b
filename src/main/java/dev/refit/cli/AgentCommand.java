package dev.refit.cli;

import dev.refit.config.RefitConfig;
import dev.refit.fleet.agent.Agent;
import dev.refit.fleet.agent.AgentRunner;
import dev.refit.fleet.agent.AgentUpgrader;
import dev.refit.fleet.agent.StateMount;
import dev.refit.fleet.upgrade.EngineDeployment;
import dev.refit.fleet.upgrade.PendingUpgradeFile;
import dev.refit.fleet.upgrade.SelfUpgrade;
import dev.refit.pipeline.EngineEnds;
import dev.refit.rollout.Sleeper;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit agent}: this host's pipeline, driven and watched by a fleet server. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Refit as a fleet agent: the same pipeline as refit serve on this host's engine, plus a",
      "connection it dials out to the server (no inbound port), which sends commands and receives",
      "what this host runs. Enrols once with a join token; the credential it gets is kept in the",
      "state directory. Stops on SIGTERM or Ctrl-C."
    })
final class AgentCommand implements Callable<Integer> {
  @ParentCommand private RefitCommand parent;

  @Spec private CommandSpec spec;

  @Mixin private DaemonOptions daemonOptions;

  @Option(names = "--server", required = true, paramLabel = "URL", description = "The fleet server, e.g. https://refit.example.com:8080.")
  private URI server;

  @Option(names = "--join-token", paramLabel = "TOKEN", description = "From refit fleet join-token; needed once, to enrol (default $REFIT_JOIN_TOKEN).")
  private String joinToken;

  @Option(names = "--name", paramLabel = "NAME", description = "This environment's name (default: the host name).")
  private String name;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM certificate(s) to trust for the server's HTTPS instead of the system's CAs (default $REFIT_CA_FILE).")
  private Path caFile;

  /** UPGRADE_AGENT on this agent's own container or service, through Refit's rollout. */
  private AgentUpgrader selfUpgrade(RefitConfig config, EngineSession session, Database database) {
    return new SelfUpgrade(
        new PendingUpgradeFile(database.directory()),
        new EngineDeployment(
            session.pipelines(),
            new EngineEnds(config, parent.environment(), session.engine(), Clock.systemUTC()),
            session.engine(),
            database),
        Clock.systemUTC(),
        Sleeper.system(),
        SelfUpgrade.VERDICT_WAIT);
  }

  @Override
  public Integer call() throws InterruptedException, java.util.concurrent.ExecutionException {
    LoggingSetup.forDaemon(parent.environment());
    RefitConfig config = daemonOptions.load(parent.environment(), new DaemonOptions.Flags());
    String token = joinToken != null ? joinToken : parent.environment().get("REFIT_JOIN_TOKEN");
    String agentName = name != null ? name : hostname();
    SSLContext ssl = CaFile.trust(caFile, parent.environment());
    Database database = StateDirectory.open(config, parent.environment());
    EngineSession session = EngineSession.open(config, parent.environment());
    session.engine().learnFacts();
    Agent agent =
        new Agent(
            session.pipelines(),
            session.engine(),
            database,
            server,
            agentName,
            token,
            ssl,
            selfUpgrade(config, session, database));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  session.close();
                  database.close();
                },
                "refit-shutdown"));
    spec.commandLine().getErr().println(
        "refit agent: '" + agentName + "' dialling " + server + ", engine " + session.engine().host()
            + ", state " + database);
    stateMountWarning(session, database).ifPresent(w -> spec.commandLine().getErr().println("refit agent: " + w));
    agent.start();
    AgentRunner.Ending ending = agent.ended().get();
    return switch (ending) {
      case CLOSED -> 0;
      case REVOKED -> {
        spec.commandLine().getErr().println("refit agent: revoked by the server; enrol again with a new join token");
        yield 3;
      }
      case REFUSED -> {
        spec.commandLine().getErr().println("refit agent: " + agent.refusal());
        yield 2;
      }
    };
  }

  /** In a container: whether the state directory (the credential) outlives it. */
  private static Optional<String> stateMountWarning(EngineSession session, Database database) {
    try {
      return SelfContainer.detect()
          .flatMap(id -> session.engine().api().findContainer(id))
          .flatMap(c -> StateMount.warning(c, database.directory()));
    } catch (RuntimeException e) {
      // only a warning: an engine that cannot say now is named by the agent's own first cycle
      return Optional.empty();
    }
  }

  private String hostname() {
    String fromEnv = parent.environment().get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("cannot tell this host's name: give the agent one with --name");
    }
  }
}
