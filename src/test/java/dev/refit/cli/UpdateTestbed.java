package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Network;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.EngineApi;
import dev.refit.rollout.PausePoint;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.Journal;
import dev.refit.store.UpdateHistory;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryCredentials;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the update ITs share: a private registry (own storage, optionally with a password), images
 * built from the test rootfs, containers created from raw JSON (so every setting can be given as
 * the engine takes it), a state directory, and {@code refit} run in-process against all of it.
 * Containers carry {@value ContainerFixture#TEST_LABEL} and go in {@link #close()}.
 */
final class UpdateTestbed implements AutoCloseable {
  static final Path JAR = Path.of("target", "refit.jar");
  static final ObjectMapper JSON = new ObjectMapper();
  static final TestEnvironment ENV = TestEnvironment.get();
  /** A command that stops at once on SIGTERM, so {@code docker stop} takes no 10 s. */
  static final String SERVE = "trap 'exit 0' TERM; touch /tmp/ready; sleep 3600 & wait";

  final DockerClient docker = ENV.dockerClient();
  final DockerEngine engine = DockerEngine.connect(ENV.dockerHost());
  final EngineApi api = engine.api();
  final TestImages images = new TestImages(ENV);
  final ContainerFixture containers = new ContainerFixture(docker);
  final RegistryProcess registry;
  final RegistryCredentials credentials;
  final Path stateDir;
  final Path dir;
  private final List<String> networks = new ArrayList<>();

  /** @param credentials a password for the registry, or {@code null} for none */
  UpdateTestbed(String name, RegistryCredentials credentials) {
    try {
      this.dir = Files.createTempDirectory(ENV.dir(), name + "-");
      this.stateDir = Files.createDirectories(dir.resolve("state"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.credentials = credentials;
    RegistryProcess.Builder builder = RegistryProcess.builder().storage(dir.resolve("registry"));
    if (credentials != null) {
      builder.htpasswd(credentials.username(), credentials.password());
    }
    this.registry = builder.start();
  }

  /** {@code <registry>/<repository>:<tag>}. */
  String image(String repositoryAndTag) {
    return registry.address() + "/" + repositoryAndTag;
  }

  /** Imports the rootfs with these Dockerfile-style changes and pushes it; returns the digest. */
  String publish(String repositoryAndTag, String... changes) {
    String reference = image(repositoryAndTag);
    images.importImage(reference, List.of(changes));
    return images.push(reference, credentials);
  }

  /** Removes the image from the engine (it stays in the registry): an update must pull it. */
  void forget(String repositoryAndTag) {
    try {
      String id = docker.inspectImageCmd(image(repositoryAndTag)).exec().getId();
      // by id: removing the tag alone would keep the image under its repo@digest reference
      docker.removeImageCmd(id).withForce(true).exec();
    } catch (NotFoundException notThere) {
      // nothing to forget
    }
  }

  /** The environment refit runs with: the test engine, this state directory, 2 s stability. */
  Map<String, String> refitEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", ENV.dockerHost());
    env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    env.put("REFIT_STATE_DIR", stateDir.toString());
    env.put("REFIT_UPDATE_STABILITY", "2s");
    if (credentials != null) {
      env.put("REFIT_REGISTRY_IT_HOST", registry.address());
      env.put("REFIT_REGISTRY_IT_USERNAME", credentials.username());
      env.put("REFIT_REGISTRY_IT_PASSWORD", credentials.password());
    }
    return env;
  }

  /** Runs {@code refit args...} in this JVM. */
  RefitCli.Run refit(String... args) {
    return refit(Map.of(), args);
  }

  RefitCli.Run refit(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(refitEnvironment());
    env.putAll(extraEnv);
    return RefitCli.forTestEngine(ENV, dir.resolve("docker-config"), stateDir).with(env).run(args);
  }

  /**
   * Runs {@code refit args...} in its own JVM (the shaded jar) until it reaches {@code step} (a
   * {@link PausePoint}), then SIGKILLs it.
   */
  void killRefitAt(String step, Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(
        List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(refitEnvironment());
    builder.environment().putAll(extraEnv);
    builder.environment().put(PausePoint.ENV, step);
    Process refit = builder.start();
    CountDownLatch paused = new CountDownLatch(1);
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(refit.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.equals(PausePoint.MARKER + step)) {
                    paused.countDown();
                  }
                }
              } catch (IOException ignored) {
                // the process was killed
              }
            });
    reader.setDaemon(true);
    reader.start();
    boolean reached = paused.await(60, TimeUnit.SECONDS);
    refit.destroyForcibly();
    refit.waitFor(10, TimeUnit.SECONDS);
    synchronized (output) {
      if (!reached) {
        throw new AssertionError("refit never reached step " + step + "; it printed:\n" + String.join("\n", output));
      }
    }
  }

  /**
   * Creates and starts a container from a create body (the engine's JSON); labels it for removal.
   *
   * @param networks further networks to connect before the start, name to endpoint JSON
   */
  String run(String name, String body, Map<String, String> networks) {
    ObjectNode create = (ObjectNode) json(body);
    ObjectNode labels = create.has("Labels") ? (ObjectNode) create.get("Labels") : JSON.createObjectNode();
    labels.put(ContainerFixture.TEST_LABEL, "true");
    create.set("Labels", labels);
    String id = api.createContainer(name, create);
    networks.forEach((network, endpoint) -> api.connectNetwork(network, id, json(endpoint)));
    docker.startContainerCmd(id).exec();
    return id;
  }

  JsonNode inspect(String idOrName) {
    return api.inspectContainer(idOrName);
  }

  boolean exists(String idOrName) {
    return api.findContainer(idOrName).isPresent();
  }

  /** Runs a command in a container and returns its output (stdout and stderr). */
  String exec(String container, String... command) {
    String exec =
        docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec().getId();
    StringBuilder output = new StringBuilder();
    try {
      docker
          .execStartCmd(exec)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return output.toString();
  }

  /** The last lines a container printed (stdout and stderr), or why there are none. */
  String logs(String container) {
    StringBuilder text = new StringBuilder();
    try {
      docker
          .logContainerCmd(container)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(80)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
      return text.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return text.toString();
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  /**
   * Creates a bridge network with a subnet of its own (needed for static addresses): the engine
   * picks a free one from this environment's pool for a probe network, which is then recreated with
   * that subnet given explicitly. Never connected to from the host.
   */
  String network(String name) {
    String probe = docker.createNetworkCmd().withName(name + "-probe").withDriver("bridge").exec().getId();
    Network inspected = docker.inspectNetworkCmd().withNetworkId(probe).exec();
    String subnet = inspected.getIpam().getConfig().get(0).getSubnet();
    docker.removeNetworkCmd(probe).exec();
    docker
        .createNetworkCmd()
        .withName(name)
        .withDriver("bridge")
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)))
        .exec();
    networks.add(name);
    return subnet;
  }

  List<HistoryEntry> history() {
    return new UpdateHistory(Database.open(stateDir)).page(0, 100);
  }

  int unfinishedJournalEntries() {
    return new Journal(Database.open(stateDir), Clock.systemUTC()).unfinished().size();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    containers.removeAll();
    for (String network : networks) {
      try {
        docker.removeNetworkCmd(network).exec();
      } catch (NotFoundException gone) {
        // fine
      }
    }
    registry.close();
    images.close();
    engine.close();
    try {
      docker.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
