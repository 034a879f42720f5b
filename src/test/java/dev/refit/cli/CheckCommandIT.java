package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.refit.image.Digest;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit check} end to end: real engine, real registry, containers on outdated images, the
 * exact report, exit codes and the JSON document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCommandIT {
  private static final List<String> WEB_TAGS =
      List.of("1.0.0", "1.0.1", "1.1.0", "2.0.0", "2.0.0-rc.1", "1.0.0-alpine", "1.1.0-alpine", "1.0");

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private DockerClient docker;
  private TestImages images;
  private ContainerFixture containers;
  private RegistryProcess registry;
  private final Map<String, String> digests = new HashMap<>();
  private RefitCli refit;

  @BeforeAll
  void setUp() throws Exception {
    docker = env.dockerClient();
    images = new TestImages(env);
    containers = new ContainerFixture(docker);
    containers.removeAll();
    registry = RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("storage"))).start();
    for (String tag : WEB_TAGS) {
      digests.put("web:" + tag, push("web:" + tag, "web " + tag));
    }
    // containers below run the old latest and the old 1.0; then both tags are rebuilt and re-pushed
    digests.put("cache:latest@old", push("cache:latest", "cache v1"));
    digests.put("web:1.0@old", digests.get("web:1.0"));
    containers.run("a-minor", ref("web:1.0.0"), Map.of());
    containers.run("b-patch", ref("web:1.0.0"), Map.of("refit.policy", "semver:patch"));
    containers.run("c-major", ref("web:1.0.0"), Map.of("refit.policy", "semver:major"));
    containers.run("d-alpine", ref("web:1.0.0-alpine"), Map.of());
    containers.run("e-current", ref("web:1.1.0"), Map.of());
    containers.run("f-latest", ref("cache:latest"), Map.of());
    containers.run("g-mutable", ref("web:1.0"), Map.of());
    containers.run("h-disabled", ref("web:1.0.0"), Map.of("refit.enable", "false"));
    containers.run("i-bad-policy", ref("web:1.0.0"), Map.of("refit.policy", "semver:newest"));
    images.importImage(ref("ghost:1.0.0"), Map.of(), TestImages.SLEEP);
    containers.run("j-missing", ref("ghost:1.0.0"), Map.of());
    containers.create("k-stopped", ref("web:1.0.1"), Map.of());
    containers.run(
        "l-exclude", ref("web:1.0.0"), Map.of("refit.policy", "semver:major", "refit.exclude", "^2\\."));
    containers.run("m-pinned", ref("web@" + digests.get("web:1.0.0")), Map.of());
    digests.put("cache:latest", push("cache:latest", "cache v2"));
    digests.put("web:1.0", push("web:1.0", "web 1.0 rebuilt"));

    Path dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
    refit = RefitCli.forTestEngine(env, dockerConfig, Files.createDirectories(tmp.resolve("state")));
  }

  @AfterAll
  void tearDown() {
    containers.removeAll();
    images.close();
    registry.close();
  }

  private String ref(String repoAndTag) {
    return registry.address() + "/" + repoAndTag;
  }

  private String push(String repoAndTag, String label) {
    return images.importAndPush(ref(repoAndTag), Map.of("build", label), TestImages.SLEEP);
  }

  private String shortDigest(String key) {
    return Digest.parse(digests.get(key)).shortForm();
  }

  @Test
  void reportsEveryContainerExactly() {
    RefitCli.Run run = refit.run("check");

    String r = registry.address();
    String expected =
        table(
            row("CONTAINER", "IMAGE", "CURRENT", "AVAILABLE", "POLICY", "STATUS"),
            row("a-minor", r + "/web:1.0.0", "1.0.0 (" + shortDigest("web:1.0.0") + ")", "1.1.0", "semver:minor", "update available"),
            row("b-patch", r + "/web:1.0.0", "1.0.0 (" + shortDigest("web:1.0.0") + ")", "1.0.1", "semver:patch", "update available"),
            row("c-major", r + "/web:1.0.0", "1.0.0 (" + shortDigest("web:1.0.0") + ")", "2.0.0", "semver:major", "update available"),
            row("d-alpine", r + "/web:1.0.0-alpine", "1.0.0-alpine (" + shortDigest("web:1.0.0-alpine") + ")", "1.1.0-alpine", "semver:minor", "update available"),
            row("e-current", r + "/web:1.1.0", "1.1.0 (" + shortDigest("web:1.1.0") + ")", "-", "semver:minor", "up to date"),
            row("f-latest", r + "/cache:latest", "latest (" + shortDigest("cache:latest@old") + ")", "latest (" + shortDigest("cache:latest") + ")", "digest", "update available"),
            row("g-mutable", r + "/web:1.0", "1.0 (" + shortDigest("web:1.0@old") + ")", "1.0 (" + shortDigest("web:1.0") + ")", "semver:minor", "update available"),
            row("h-disabled", r + "/web:1.0.0", "-", "-", "-", "skipped: disabled (label refit.enable)"),
            row("i-bad-policy", r + "/web:1.0.0", "1.0.0 (" + shortDigest("web:1.0.0") + ")", "-", "semver:newest", "error: unknown semver level 'newest' in version policy 'semver:newest'; allowed: patch, minor, major, all"),
            row("j-missing", r + "/ghost:1.0.0", "1.0.0", "-", "semver:minor", "error: repository ghost does not exist on " + r),
            row("l-exclude", r + "/web:1.0.0", "1.0.0 (" + shortDigest("web:1.0.0") + ")", "1.1.0", "semver:major", "update available"),
            row("m-pinned", r + "/web@" + digests.get("web:1.0.0"), "-", "-", "-", "skipped: pinned to a digest"));
    assertThat(run.out())
        .isEqualTo(
            expected + "\n12 containers: 1 up to date, 7 updates available, 2 errors, 2 skipped\n");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void allIncludesStoppedContainers() {
    RefitCli.Run run = refit.run("check", "--all");
    assertThat(run.out()).contains("k-stopped").contains("13 containers:");
  }

  @Test
  void jsonIsAStableDocument() throws Exception {
    RefitCli.Run run = refit.run("check", "--json");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.path("version").asInt()).isEqualTo(1);
    assertThat(doc.path("host").asText()).isEqualTo(env.dockerHost());
    assertThat(doc.path("summary").toString())
        .isEqualTo("{\"targets\":12,\"upToDate\":1,\"updatesAvailable\":7,\"errors\":2,\"skipped\":2}");
    JsonNode minor = doc.path("results").get(0);
    assertThat(minor.path("name").asText()).isEqualTo("a-minor");
    assertThat(minor.path("kind").asText()).isEqualTo("container");
    assertThat(minor.path("status").asText()).isEqualTo("update_available");
    assertThat(minor.path("current").path("digest").asText()).isEqualTo(digests.get("web:1.0.0"));
    assertThat(minor.path("available").path("kind").asText()).isEqualTo("tag");
    assertThat(minor.path("available").path("reference").asText())
        .isEqualTo(registry.address() + "/web:1.1.0");
    JsonNode latest = doc.path("results").get(5);
    assertThat(latest.path("name").asText()).isEqualTo("f-latest");
    assertThat(latest.path("available").path("kind").asText()).isEqualTo("digest");
    assertThat(latest.path("available").path("digest").asText()).isEqualTo(digests.get("cache:latest"));
    JsonNode registryStats = doc.path("registries").get(0);
    assertThat(registryStats.path("host").asText()).isEqualTo(registry.address());
    assertThat(registryStats.path("rateLimited").asBoolean()).isFalse();
  }

  @Test
  void exitCodeSaysWhetherUpdatesOrErrorsWereFound() {
    assertThat(refit.run("check", "e-current").exitCode()).isZero();
    assertThat(refit.run("check", "e-current", "a-minor").exitCode()).isEqualTo(1);
    assertThat(refit.run("check", "e-current", "j-missing").exitCode()).isEqualTo(2);
    RefitCli.Run unknown = refit.run("check", "no-such-container");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("refit: no container named 'no-such-container' on " + env.dockerHost() + "\n");
  }

  @Test
  void optInAndDefaultPolicyFlags() {
    RefitCli.Run optIn = refit.run("check", "--opt-in");
    assertThat(optIn.exitCode()).isZero();
    assertThat(optIn.out()).endsWith("12 containers: 12 skipped\n");
    RefitCli.Run patch = refit.run("check", "--default-policy", "semver:patch", "a-minor");
    assertThat(patch.out()).contains("1.0.1  ").contains("semver:patch");
    RefitCli.Run bad = refit.run("check", "--default-policy", "newest");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("refit: --default-policy='newest' is not a default policy");
  }

  private static String[] row(String... cells) {
    return cells;
  }

  /** Lays the rows out as the table printer promises: columns two spaces apart, no trailing blanks. */
  private static String table(String[]... rows) {
    int[] widths = new int[rows[0].length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
