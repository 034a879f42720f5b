package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.swarm.EngineSwarmApi;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.registry.Credential;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.RegistryCredentials;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.RegistryRequest;
import dev.refit.testing.SwarmFixture;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service updates on a real single-node swarm: the spec goes back whole with only the image
 * changed, Swarm's rollbacks (its own, and those Refit asks for after a pause) are reported as
 * failed updates, credentials travel with the update, and version conflicts are retried.
 */
class ServiceUpdaterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEnvironment ENV = TestEnvironment.get();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path tmp;

  private static SwarmFixture swarm;
  private static DockerEngine engine;
  private static DockerClient docker;
  private static TestImages images;

  @BeforeAll
  static void setUp() {
    swarm = SwarmFixture.init(ENV);
    engine = DockerEngine.connect(ENV.dockerHost());
    docker = ENV.dockerClient();
    images = new TestImages(ENV);
  }

  @AfterAll
  static void tearDown() throws Exception {
    images.close();
    docker.close();
    engine.close();
    swarm.close();
  }

  @AfterEach
  void removeServices() {
    swarm.removeServices();
  }

  private static String pinned(String repoAndTag) {
    return ENV.image(repoAndTag) + "@" + ENV.standardDigests().get(repoAndTag);
  }

  /**
   * A service whose healthcheck fails once {@code /tmp/broken} exists, quick to stop and to judge:
   * healthchecks every second, one-second grace on stop, two-second monitor window.
   */
  private static ObjectNode spec(String name, String image, String failureAction) {
    String json =
        """
        {
          "Name": "%s",
          "Labels": {"refit.enable": "true", "team": "edge"},
          "TaskTemplate": {
            "ContainerSpec": {
              "Image": "%s",
              "Env": ["MODE=test"],
              "Labels": {"role": "web"},
              "StopGracePeriod": 1000000000,
              "Isolation": "default",
              "Healthcheck": {
                "Test": ["CMD-SHELL", "test ! -f /tmp/broken"],
                "Interval": 1000000000,
                "Timeout": 1000000000,
                "Retries": 1
              }
            },
            "RestartPolicy": {"Condition": "any", "Delay": 500000000},
            "Resources": {"Limits": {"MemoryBytes": 67108864}}
          },
          "Mode": {"Replicated": {"Replicas": 1}},
          "UpdateConfig": {"Parallelism": 1, "FailureAction": "%s", "Monitor": 2000000000,
                           "Order": "start-first"},
          "RollbackConfig": {"Parallelism": 1, "FailureAction": "pause", "Monitor": 1000000000,
                             "Order": "stop-first"}
        }
        """
            .formatted(name, image, failureAction);
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServiceUpdater updater(SwarmApi api) {
    return new ServiceUpdater(api, Clock.systemUTC(), Duration.ofMillis(250), 5);
  }

  private static ServiceUpdateRequest request(String id, String image, Optional<RegistryAuth> auth) {
    return new ServiceUpdateRequest(id, null, image, auth, false, TIMEOUT);
  }

  /** Pushes an image whose healthcheck fails: the spec's check looks for a file it creates. */
  private String pushBroken(String reference, String build) {
    return images.importAndPush(
        reference,
        Map.of("build", build),
        List.of("/bin/sh", "-c", "touch /tmp/broken; exec sleep 3600"));
  }

  /** Records what the updater said. */
  private static final class Recorder implements ServiceUpdateListener {
    final List<RolloutProgress> progress = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void submitted(String service, String image, List<String> safeChanges) {
      events.add("submitted " + image);
    }

    @Override
    public void conflict(String service, int attempt) {
      events.add("conflict " + attempt);
    }

    @Override
    public void progress(RolloutProgress p) {
      progress.add(p);
    }

    @Override
    public void rollingBack(String service, String reason) {
      events.add("rolling back: " + reason);
    }
  }

  @Test
  void updatesAReplicatedServiceSendingBackTheWholeSpecWithOnlyTheImageChanged() {
    String id = swarm.createService(spec("web", pinned("app:1.0.0"), "rollback"));
    swarm.awaitRunning(id, 1, TIMEOUT);
    ObjectNode before = swarm.spec(id);
    String target = pinned("app:1.0.1");
    Recorder recorder = new Recorder();

    ServiceUpdateResult result =
        updater(new EngineSwarmApi(engine.api(), engine.host())).update(request(id, target, Optional.empty()), recorder);

    assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(result.fromImage()).isEqualTo(pinned("app:1.0.0"));
    assertThat(result.toImage()).isEqualTo(target);
    assertThat(result.changed()).isTrue();
    ObjectNode expected = before.deepCopy();
    ((ObjectNode) expected.path("TaskTemplate").path("ContainerSpec")).put("Image", target);
    assertThat(swarm.spec(id)).isEqualTo(expected);
    assertThat(swarm.service(id).path("PreviousSpec")).isEqualTo(before);
    assertThat(recorder.progress).last().satisfies(p -> {
      assertThat(p.state()).isEqualTo("completed");
      assertThat(p.updated()).isEqualTo(1);
      assertThat(p.total()).isEqualTo(1);
    });
    // The running container's image is the very manifest the registry serves for 1.0.1.
    String registryDigest =
        TestImages.manifestDigest(ENV.registry(), "app", "1.0.1").orElseThrow();
    String imageId = docker.inspectContainerCmd(swarm.runningContainer(id)).exec().getImageId();
    assertThat(docker.inspectImageCmd(imageId).exec().getRepoDigests())
        .contains(ENV.registry() + "/app@" + registryDigest);
  }

  @Test
  void reportsAFailedUpdateWhenSwarmRollsBackAnUnhealthyImage() throws Exception {
    Path storage = Files.createDirectories(tmp.resolve("broken-storage"));
    try (RegistryProcess registry = RegistryProcess.builder().storage(storage).start()) {
      String brokenTag = registry.address() + "/app:1.0.2";
      String brokenDigest = pushBroken(brokenTag, "broken");
      String id = swarm.createService(spec("fragile", pinned("app:1.0.1"), "rollback"));
      swarm.awaitRunning(id, 1, TIMEOUT);
      Recorder recorder = new Recorder();

      ServiceUpdateResult result =
          updater(new EngineSwarmApi(engine.api(), engine.host()))
              .update(request(id, brokenTag + "@" + brokenDigest, Optional.empty()), recorder);

      assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.ROLLED_BACK);
      assertThat(result.message()).startsWith("Swarm rolled service fragile back to " + pinned("app:1.0.1"));
      assertThat(recorder.progress).anyMatch(p -> p.state().equals("rollback_completed"));
      assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(pinned("app:1.0.1"));
      swarm.awaitRunning(id, 1, TIMEOUT);
    }
  }

  @Test
  void rollsBackAGlobalServiceWhoseUpdatePaused() throws Exception {
    Path storage = Files.createDirectories(tmp.resolve("paused-storage"));
    try (RegistryProcess registry = RegistryProcess.builder().storage(storage).start()) {
      String brokenTag = registry.address() + "/app:1.0.3";
      String brokenDigest = pushBroken(brokenTag, "broken too");
      ObjectNode spec = spec("everywhere", pinned("app:1.0.1"), "pause");
      spec.set("Mode", JSON.readTree("{\"Global\": {}}"));
      String id = swarm.createService(spec);
      swarm.awaitRunning(id, 1, TIMEOUT);
      Recorder recorder = new Recorder();

      ServiceUpdateResult result =
          updater(new EngineSwarmApi(engine.api(), engine.host()))
              .update(request(id, brokenTag + "@" + brokenDigest, Optional.empty()), recorder);

      assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.ROLLED_BACK);
      assertThat(result.message())
          .startsWith("the update paused: ")
          .endsWith("; rolled back to " + pinned("app:1.0.1"));
      assertThat(recorder.events).anyMatch(e -> e.startsWith("rolling back: the update paused"));
      assertThat(ServiceSnapshot.imageOf(swarm.spec(id))).isEqualTo(pinned("app:1.0.1"));
      swarm.awaitRunning(id, 1, TIMEOUT);
    }
  }

  @Test
  void passesRegistryCredentialsWithTheUpdate() throws Exception {
    Path storage = Files.createDirectories(tmp.resolve("private-storage"));
    RegistryCredentials alice = new RegistryCredentials("alice", "s3cret-pass");
    try (RegistryProcess registry =
        RegistryProcess.builder().storage(storage).htpasswd(alice.username(), alice.password()).start()) {
      String old = registry.address() + "/private/app:1.0.0";
      String next = registry.address() + "/private/app:1.0.1";
      images.importImage(old, Map.of("build", "private 1"), TestImages.SLEEP);
      String oldDigest = images.push(old, alice);
      images.importImage(next, Map.of("build", "private 2"), TestImages.SLEEP);
      String nextDigest = images.push(next, alice);
      // The engine must pull 1.0.1 from the registry, which only answers with credentials.
      docker.removeImageCmd(next).withForce(true).exec();
      // Created without credentials (the old image is local): only the update can bring them.
      String id = swarm.createService(spec("private", old + "@" + oldDigest, "rollback"));
      swarm.awaitRunning(id, 1, TIMEOUT);
      registry.clearLog();
      RegistryAuth auth =
          RegistryAuth.of(registry.address(), new Credential(alice.username(), alice.password(), "test"));

      ServiceUpdateResult result =
          updater(new EngineSwarmApi(engine.api(), engine.host()))
              .update(request(id, next + "@" + nextDigest, Optional.of(auth)), new Recorder());

      assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.APPLIED);
      swarm.awaitRunning(id, 1, TIMEOUT);
      assertThat(registry.requestLog())
          .contains(new RegistryRequest("GET", "/v2/private/app/manifests/" + nextDigest, 200));
      assertThat(auth.toString()).doesNotContain(alice.password());
    }
  }

  @Test
  void retriesWhenSomeoneElseUpdatesTheServiceMeanwhile() {
    String id = swarm.createService(spec("contended", pinned("app:1.0.0"), "rollback"));
    swarm.awaitRunning(id, 1, TIMEOUT);
    SwarmApi real = new EngineSwarmApi(engine.api(), engine.host());
    AtomicBoolean interfered = new AtomicBoolean();
    // Between Refit's read and its write, another client changes a label: Refit's version is stale.
    SwarmApi contended =
        (SwarmApi)
            Proxy.newProxyInstance(
                SwarmApi.class.getClassLoader(),
                new Class<?>[] {SwarmApi.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("updateService") && interfered.compareAndSet(false, true)) {
                    ObjectNode theirs = swarm.spec(id);
                    ((ObjectNode) theirs.path("Labels")).put("changed-by", "someone else");
                    swarm.update(id, theirs);
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Recorder recorder = new Recorder();

    ServiceUpdateResult result =
        updater(contended).update(request(id, pinned("app:1.0.1"), Optional.empty()), recorder);

    assertThat(result.outcome()).as(result.message()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(recorder.events).containsExactly("conflict 1", "submitted " + pinned("app:1.0.1"));
    JsonNode spec = swarm.spec(id);
    assertThat(ServiceSnapshot.imageOf(spec)).isEqualTo(pinned("app:1.0.1"));
    // Their change survives: Refit re-read the service instead of overwriting it.
    assertThat(spec.path("Labels").path("changed-by").asText()).isEqualTo("someone else");
  }
}
