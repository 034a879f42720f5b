package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TokenRequest;
import dev.refit.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private registries: htpasswd with credentials from Docker's config.json, token auth with a token
 * endpoint served by the test and credentials from Refit's own environment variables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryAuthIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-pw";

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private DockerClient docker;
  private ContainerFixture containers;
  private RegistryProcess basicRegistry;
  private TokenServer tokenServer;
  private RegistryProcess tokenRegistry;
  private Path dockerConfig;
  private RefitCli refit;

  @BeforeAll
  void startRegistries() throws Exception {
    docker = env.dockerClient();
    containers = new ContainerFixture(docker);
    // both serve the standard images: they share the plain test registry's storage
    basicRegistry = RegistryProcess.builder().htpasswd(USER, PASSWORD).start();
    tokenServer = TokenServer.builder().user(USER, PASSWORD).start();
    tokenRegistry = RegistryProcess.builder().tokenAuth(tokenServer).start();
    pull(basicRegistry.address() + "/app:1.0.0");
    pull(tokenRegistry.address() + "/app:1.0.1");
    dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
    refit = RefitCli.forTestEngine(env, dockerConfig, Files.createDirectories(tmp.resolve("state")));
  }

  @BeforeEach
  void runContainers() throws Exception {
    containers.removeAll();
    containers.run("basic-app", basicRegistry.address() + "/app:1.0.0", Map.of());
    containers.run("token-app", tokenRegistry.address() + "/app:1.0.1", Map.of());
    Files.deleteIfExists(dockerConfig.resolve("config.json"));
    tokenServer.resetRequests();
  }

  @AfterEach
  void removeContainers() {
    containers.removeAll();
  }

  @AfterAll
  void stop() throws Exception {
    basicRegistry.close();
    tokenRegistry.close();
    tokenServer.close();
    docker.close();
  }

  private void pull(String reference) throws InterruptedException {
    int colon = reference.lastIndexOf(':');
    docker
        .pullImageCmd(reference.substring(0, colon))
        .withTag(reference.substring(colon + 1))
        .withAuthConfig(new AuthConfig().withUsername(USER).withPassword(PASSWORD))
        .exec(new ResultCallback.Adapter<PullResponseItem>())
        .awaitCompletion(2, TimeUnit.MINUTES);
  }

  private void dockerLogin(String registry, String user, String password) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
  }

  private RefitCli withTokenCredentials(String password) {
    return refit.with(
        Map.of(
            "REFIT_REGISTRY_PRIVATE_HOST", tokenRegistry.address(),
            "REFIT_REGISTRY_PRIVATE_USERNAME", USER,
            "REFIT_REGISTRY_PRIVATE_PASSWORD", password));
  }

  @Test
  void anonymousAccessIsRefusedWithAnActionableMessage() {
    RefitCli.Run run = refit.run("check");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .contains(
            "error: registry "
                + basicRegistry.address()
                + " refused anonymous access to app (401): credentials are missing (docker login "
                + basicRegistry.address()
                + ", or set them in Refit's configuration), or the repository does not exist")
        .contains(
            "error: registry "
                + tokenRegistry.address()
                + " refused anonymous access to app (401): credentials are missing")
        .doesNotContain(PASSWORD);
  }

  @Test
  void credentialsFromDockerConfigAndRefitEnvironmentWork() throws Exception {
    dockerLogin(basicRegistry.address(), USER, PASSWORD);
    RefitCli.Run run = withTokenCredentials(PASSWORD).run("check");
    assertThat(run.out())
        .containsPattern("basic-app +\\S+/app:1.0.0 +1.0.0 \\(\\w{12}\\) +1.1.0 +semver:minor +update available")
        .containsPattern("token-app +\\S+/app:1.0.1 +1.0.1 \\(\\w{12}\\) +1.1.0 +semver:minor +update available");
    assertThat(run.exitCode()).isEqualTo(1);
    // one token for the repository, reused for the tag list: scope built by Refit
    assertThat(tokenServer.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.user()).isEqualTo(USER);
              assertThat(r.scopes()).containsExactly("repository:app:pull");
              assertThat(r.status()).isEqualTo(200);
            });
  }

  @Test
  void wrongCredentialsAreNamedButNeverPrinted() throws Exception {
    dockerLogin(basicRegistry.address(), USER, "wrong-password-1");
    RefitCli.Run run = withTokenCredentials("wrong-password-2").run("check", "--json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .contains(
            "registry "
                + basicRegistry.address()
                + " refused the credentials of user 'alice' from "
                + dockerConfig.resolve("config.json")
                + " for app (401): they are wrong or may not pull it")
        .contains(
            "registry "
                + tokenRegistry.address()
                + " refused the credentials of user 'alice' from Refit registry 'private' for app")
        .doesNotContain("wrong-password");
    assertThat(run.err()).doesNotContain("wrong-password");
    assertThat(tokenServer.requests()).extracting(TokenRequest::status).containsOnly(401);
  }
}
