package dev.refit.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private Docker engine and plain registry that {@code ./scripts/test} (scripts/lib/testenv.sh)
 * starts before Maven runs, read from the {@code REFIT_TEST_*} environment variables it exports.
 *
 * <p>The registry holds the standard images: {@code app} with every tag of {@link #APP_TAGS} and
 * {@code other} with {@link #OTHER_TAGS}; each tag carries the label {@code
 * dev.refit.test.version=<tag>}, so every tag has its own digest (see {@link #standardDigests()}).
 * They are also present in the engine's image store under {@code <registry>/app:<tag>}.
 *
 * <p>Keep the shared registry to the standard images: push new images into a {@link
 * RegistryProcess} with its own storage so that catalog and tag listings stay predictable.
 *
 * @param dockerHost {@code unix://...} socket of the test engine
 * @param registry {@code 127.0.0.1:<port>} of the plain registry
 * @param registryDataDir filesystem storage of that registry (share it with a {@link
 *     RegistryProcess} to serve the same images under another configuration)
 * @param registryLog access log of that registry (see {@link RegistryLog})
 * @param rootfs busybox root filesystem the images are built from
 * @param dir the environment's directory; fixtures put their files below it
 */
public record TestEnvironment(
    String dockerHost,
    String registry,
    Path registryDataDir,
    Path registryLog,
    Path rootfs,
    Path dir) {

  public static final String ENV_DOCKER_HOST = "REFIT_TEST_DOCKER_HOST";
  public static final String ENV_REGISTRY = "REFIT_TEST_REGISTRY";
  public static final String ENV_REGISTRY_DATA = "REFIT_TEST_REGISTRY_DATA";
  public static final String ENV_REGISTRY_LOG = "REFIT_TEST_REGISTRY_LOG";
  public static final String ENV_ROOTFS = "REFIT_TEST_ROOTFS";
  public static final String ENV_DIR = "REFIT_TEST_DIR";

  /** Tags of the standard image {@code app}, in the order they were pushed. */
  public static final List<String> APP_TAGS =
      List.of(
          "1.0.0",
          "1.0.1",
          "1.1.0",
          "2.0.0",
          "1.0.0-alpine",
          "1.0.1-alpine",
          "1.1.0-alpine",
          "2.0.0-rc.1",
          "1.0",
          "latest");

  /** Tags of the standard image {@code other}. */
  public static final List<String> OTHER_TAGS = List.of("1.0.0", "latest");

  /** Label every standard image carries, with its tag as value. */
  public static final String VERSION_LABEL = "dev.refit.test.version";

  static final String HINT = "run the integration tests with ./scripts/test";

  /** Reads the environment exported by {@code ./scripts/test}; fails clearly when it is missing. */
  public static TestEnvironment get() {
    return from(System.getenv());
  }

  static TestEnvironment from(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String name :
        List.of(
            ENV_DOCKER_HOST,
            ENV_REGISTRY,
            ENV_REGISTRY_DATA,
            ENV_REGISTRY_LOG,
            ENV_ROOTFS,
            ENV_DIR)) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The test environment is not set up (missing " + String.join(", ", missing) + "): " + HINT);
    }
    return new TestEnvironment(
        env.get(ENV_DOCKER_HOST),
        env.get(ENV_REGISTRY),
        Path.of(env.get(ENV_REGISTRY_DATA)),
        Path.of(env.get(ENV_REGISTRY_LOG)),
        Path.of(env.get(ENV_ROOTFS)),
        Path.of(env.get(ENV_DIR)));
  }

  /**
   * A new docker-java client for the test engine; the caller closes it. No API version is pinned:
   * docker-java sends unversioned requests and the engine (API 1.41) answers with its own.
   */
  public DockerClient dockerClient() {
    return DockerClientImpl.getInstance(dockerClientConfig(), dockerHttpClient());
  }

  /** A raw HTTP client for the test engine's API (for calls docker-java lacks); caller closes. */
  public DockerHttpClient dockerHttpClient() {
    return new ApacheDockerHttpClient.Builder()
        .dockerHost(URI.create(dockerHost))
        .maxConnections(20)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofMinutes(2))
        .build();
  }

  /** docker-java configuration for the test engine, ignoring DOCKER_* variables of the host. */
  public DockerClientConfig dockerClientConfig() {
    return DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .withDockerTlsVerify(false)
        .withDockerConfig(dir.resolve("docker-config").toString())
        .build();
  }

  /**
   * The same environment (registry, rootfs, directory) seen through another engine, e.g. an {@link
   * ExtraEngine}'s: every helper taking a TestEnvironment then works on that engine.
   */
  public TestEnvironment withDockerHost(String otherDockerHost) {
    return new TestEnvironment(otherDockerHost, registry, registryDataDir, registryLog, rootfs, dir);
  }

  /** {@code <registry>/<repositoryAndTag>}, e.g. {@code image("app:1.0.0")}. */
  public String image(String repositoryAndTag) {
    return registry + "/" + repositoryAndTag;
  }

  /** The shared registry's access log, read from its beginning. */
  public RegistryLog registryRequestLog() {
    return new RegistryLog(registryLog);
  }

  /**
   * Digests of the standard images as pushed by scripts/test: key {@code repository:tag} (e.g.
   * {@code app:1.0.0}), value {@code sha256:...} (the manifest digest the registry serves for a
   * request that accepts Docker v2 manifests).
   */
  public Map<String, String> standardDigests() {
    Path file = dir.resolve("digests");
    try {
      Map<String, String> digests = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2) {
          digests.put(parts[0], parts[1]);
        }
      }
      return digests;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + HINT, e);
    }
  }
}
