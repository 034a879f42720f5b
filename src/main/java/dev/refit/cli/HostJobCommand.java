package dev.refit.cli;

import dev.refit.config.ConfigException;
import dev.refit.config.ConfigLoader;
import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.EngineSwarmApi;
import dev.refit.hostjob.BindMount;
import dev.refit.hostjob.HostJob;
import dev.refit.hostjob.HostJobListener;
import dev.refit.hostjob.HostJobReport;
import dev.refit.hostjob.HostJobRunner;
import dev.refit.hostjob.NodeResult;
import dev.refit.hostjob.PlacementConstraint;
import dev.refit.image.ImageReference;
import dev.refit.pipeline.RegistryAccess;
import dev.refit.registry.CredentialStore;
import dev.refit.settings.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit host-job}: run a command once on every node of a swarm and report each result. */
@Command(
    name = "host-job",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a command once on every node of a Docker Swarm (a global-job service), waits for every"
          + " node, prints each node's exit status and the tail of its output, and removes the"
          + " service again. Nodes that are down are listed, not waited for.",
      "Example: refit host-job --image debian:12 --mount /:/host --network host -- \\",
      "           chroot /host sh -c 'apt-get update && apt-get -y dist-upgrade'",
      "Exit status: 0 every node succeeded, 1 a node failed, did not finish or is down, 2 errors."
    })
final class HostJobCommand implements Callable<Integer> {
  static final int EXIT_NODE_FAILED = 1;
  private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image to run.")
  private String image;

  @Option(
      names = "--mount",
      paramLabel = "SRC:DST[:ro]",
      description = "Bind-mount a host path on every node, e.g. /:/host. Repeatable.")
  private List<String> mounts = new ArrayList<>();

  @Option(
      names = "--constraint",
      paramLabel = "EXPR",
      description = "Placement constraint, e.g. node.role==worker. Repeatable.")
  private List<String> constraints = new ArrayList<>();

  @Option(
      names = "--cap-add",
      paramLabel = "CAP",
      description = "Add a Linux capability, e.g. SYS_ADMIN. Repeatable.")
  private List<String> capabilities = new ArrayList<>();

  @Option(
      names = "--network",
      paramLabel = "NAME",
      description = "Network to attach, e.g. host (default: the engine's default).")
  private String network;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "How long every node gets to finish (default: ${DEFAULT-VALUE}).")
  private String timeout;

  @Option(
      names = "--tail",
      paramLabel = "LINES",
      defaultValue = "20",
      description = "Lines of each node's output to show (default: ${DEFAULT-VALUE}).")
  private int tail;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the job service (default: refit-host-job-<time>-<random>).")
  private String name;

  @Option(
      names = "--host",
      paramLabel = "URI",
      description =
          "Docker Engine of a Swarm manager (default: $DOCKER_HOST, else "
              + DockerEngine.DEFAULT_HOST
              + ").")
  private String host;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Refit configuration file (default: $" + ConfigLoader.CONFIG_ENV + ").")
  private Path configFile;

  @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments, after --.")
  private List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RefitConfig config = new ConfigLoader(parent.environment()).load(configFile);
    Duration limit =
        Durations.parse(timeout)
            .filter(d -> !d.isZero())
            .orElseThrow(
                () ->
                    new ConfigException(
                        "--timeout='" + timeout + "' is not a duration; use e.g. 90s, 30m, 2h"));
    if (tail < 0) {
      throw new IllegalArgumentException("--tail=" + tail + " must be 0 or more");
    }
    ImageReference reference = ImageReference.parse(image);
    CredentialStore credentials = RegistryAccess.credentials(config, parent.environment());
    HostJob job =
        new HostJob(
            name != null ? name : defaultName(),
            image,
            command,
            mounts.stream().map(BindMount::parse).toList(),
            constraints.stream().map(PlacementConstraint::parse).toList(),
            capabilities,
            network,
            limit,
            tail,
            RegistryAuth.forImage(reference, credentials));
    String dockerHost =
        DockerEngine.resolveHost(host != null ? host : config.dockerHost(), parent.environment());
    try (DockerEngine engine = DockerEngine.connect(dockerHost)) {
      ProgressLine progress = ProgressLine.forTerminal(err);
      HostJobReport report =
          new HostJobRunner(new EngineSwarmApi(engine.api(), engine.host()))
              .run(
                  job,
                  new HostJobListener() {
                    @Override
                    public void created(String service, String id) {
                      progress.show("host job " + service + " created; waiting for the nodes");
                    }

                    @Override
                    public void progress(int finished, int expected) {
                      progress.show(
                          "host job " + job.name() + ": " + finished + "/" + expected
                              + " nodes finished");
                    }
                  });
      progress.clear();
      print(report, out);
      return report.succeeded() ? 0 : EXIT_NODE_FAILED;
    }
  }

  private static String defaultName() {
    return "refit-host-job-"
        + LocalDateTime.now().format(NAME_TIME)
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  static void print(HostJobReport report, PrintWriter out) {
    for (NodeResult node : report.nodes()) {
      StringBuilder line = new StringBuilder(node.node()).append(": ").append(node.status().text());
      if (node.exitCode() != null) {
        line.append(" (exit ").append(node.exitCode()).append(')');
      }
      if (!node.detail().isEmpty()
          && !(node.status() == NodeResult.Status.FAILED && node.detail().startsWith("task: non-zero exit"))) {
        line.append(": ").append(node.detail());
      }
      out.println(line);
      for (String logLine : node.logTail().split("\n")) {
        if (!logLine.isEmpty()) {
          out.println("  | " + logLine);
        }
      }
    }
    if (!report.nodes().isEmpty()) {
      out.println();
    }
    out.println(summary(report));
  }

  static String summary(HostJobReport report) {
    int n = report.nodes().size();
    List<String> parts = new ArrayList<>();
    for (NodeResult.Status status : NodeResult.Status.values()) {
      long count = report.count(status);
      if (count > 0) {
        parts.add(count + " " + status.text());
      }
    }
    String head = "host job " + report.service() + " on " + n + (n == 1 ? " node" : " nodes");
    if (n == 0) {
      return head + ": no node matched, nothing ran";
    }
    return head + ": " + String.join(", ", parts);
  }
}
