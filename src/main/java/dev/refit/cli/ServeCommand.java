package dev.refit.cli;

import dev.refit.campaign.run.Campaigns;
import dev.refit.config.RefitConfig;
import dev.refit.fleet.host.EngineFacts;
import dev.refit.fleet.host.LocalEnvironment;
import dev.refit.fleet.server.FleetServer;
import dev.refit.server.DaemonCore;
import dev.refit.server.RefitDaemon;
import dev.refit.server.RouteGroup;
import java.time.Clock;
import dev.refit.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit serve}: the daemon. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Refit as a daemon: checks on a schedule, when containers start and when registries",
      "send webhooks; applies, reports or asks for approval per container (and, on a Swarm",
      "manager, per service); serves the REST API, /metrics and /healthz. Stops on SIGTERM or",
      "Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private RefitCommand parent;

  @Spec private CommandSpec spec;

  @Mixin private DaemonOptions daemonOptions;

  @Option(names = "--address", paramLabel = "ADDR", description = "Interface to listen on (serve.address).")
  private String address;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (serve.port).")
  private String port;

  @Option(names = "--schedule", paramLabel = "CRON", description = "Cron schedule, or off (schedule.cron).")
  private String cron;

  @Option(names = "--mode", paramLabel = "MODE", description = "notify, apply or approval (update.mode).")
  private String mode;

  @Option(names = "--min-age", paramLabel = "DURATION", description = "Minimum age before applying (update.minAge).")
  private String minAge;

  @Option(
      names = "--no-local",
      description = "Do not list this server's own engine as the fleet environment 'local' (as fleet.local=false).")
  private boolean noLocal;

  @Override
  public Integer call() throws InterruptedException {
    LoggingSetup.forDaemon(parent.environment());
    DaemonOptions.Flags flags =
        new DaemonOptions.Flags()
            .add("serve.address", address, "--address")
            .add("serve.port", port, "--port")
            .add("schedule.cron", cron, "--schedule")
            .add("update.mode", mode, "--mode")
            .add("update.minAge", minAge, "--min-age")
            .add("fleet.local", noLocal ? "false" : null, "--no-local");
    RefitConfig config = daemonOptions.load(parent.environment(), flags);
    Database database = StateDirectory.open(config, parent.environment());
    EngineSession session = EngineSession.open(config, parent.environment());
    session.engine().learnFacts();
    DaemonCore core = new DaemonCore(session.pipelines(), session.engine(), database);
    // the server's own engine is the fleet environment "local" unless fleet.local is off
    LocalEnvironment local =
        config.fleet().local()
            ? new LocalEnvironment(core, EngineFacts.of(session.engine()), Clock.systemUTC())
            : null;
    FleetServer fleet = new FleetServer(database, local, config.fleet(), Clock.systemUTC());
    List<RouteGroup> routes = new ArrayList<>(fleet.routes());
    // campaigns resume before the first agent reconnects, so its report finds its campaign
    Campaigns campaigns = Campaigns.start(database, fleet.dispatch(), fleet.directory(), Clock.systemUTC());
    routes.add(campaigns.routes());
    RefitDaemon daemon = new RefitDaemon(core, routes, new FleetUi(fleet.hub()), new CampaignUi(campaigns.runner()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  campaigns.close();
                  fleet.close();
                  daemon.close();
                  session.close();
                  database.close();
                  stopped.countDown();
                },
                "refit-shutdown"));
    daemon.exposureWarning().ifPresent(w -> spec.commandLine().getErr().println("refit serve: WARNING: " + w));
    int bound = daemon.start();
    fleet.start();
    spec.commandLine().getErr().println(
        "refit serve: listening on " + (config.serve().tls() ? "https://" : "http://")
            + config.serve().address() + ":" + bound + ", engine "
            + session.engine().host() + ", state " + database);
    stopped.await();
    return 0;
  }
}
