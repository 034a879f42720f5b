package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.refit.testing.RegistryCredentials;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.SwarmFixture;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refit host-job} on a real single-node swarm: runs once per node, reports, cleans up. */
class HostJobIT {
  private static final TestEnvironment ENV = TestEnvironment.get();

  @TempDir static Path tmp;

  private static SwarmFixture swarm;
  private static RefitCli refit;
  private static String hostname;

  @BeforeAll
  static void setUp() throws Exception {
    swarm = SwarmFixture.init(ENV);
    refit =
        RefitCli.forTestEngine(
            ENV,
            Files.createDirectories(tmp.resolve("docker-config")),
            Files.createDirectories(tmp.resolve("state")));
    try (DockerClient docker = ENV.dockerClient()) {
      hostname = docker.infoCmd().exec().getName();
    }
  }

  @AfterAll
  static void tearDown() {
    swarm.close();
  }

  @Test
  void runsOnEveryNodeWithTheHostDirectoryMountedAndRemovesItsService() throws Exception {
    Path hostDir = Files.createDirectories(tmp.resolve("host"));

    RefitCli.Run run =
        refit.run(
            "host-job", "--image", ENV.image("app:1.0.0"), "--mount", hostDir + ":/host",
            "--timeout", "60s", "--name", "refit-host-job-it-ok", "--",
            "sh", "-c", "echo upgraded > /host/marker; echo all done");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(Files.readString(hostDir.resolve("marker"))).isEqualTo("upgraded\n");
    assertThat(run.out())
        .isEqualTo(
            hostname + ": succeeded (exit 0)\n"
                + "  | all done\n"
                + "\n"
                + "host job refit-host-job-it-ok on 1 node: 1 succeeded\n");
    assertThat(swarm.serviceNames()).doesNotContain("refit-host-job-it-ok");
  }

  @Test
  void namesTheNodeThatFailedAndExitsNonZero() {
    RefitCli.Run run =
        refit.run(
            "host-job", "--image", ENV.image("app:1.0.0"), "--timeout", "60s",
            "--name", "refit-host-job-it-fail", "--",
            "sh", "-c", "echo about to fail; sleep 0.1; echo no disk space >&2; exit 3");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            hostname + ": failed (exit 3)\n"
                + "  | about to fail\n"
                + "  | no disk space\n"
                + "\n"
                + "host job refit-host-job-it-fail on 1 node: 1 failed\n");
    assertThat(swarm.serviceNames()).doesNotContain("refit-host-job-it-fail");
  }

  @Test
  void stopsANodeThatDoesNotFinishInTime() {
    RefitCli.Run run =
        refit.run(
            "host-job", "--image", ENV.image("app:1.0.0"), "--timeout", "3s",
            "--name", "refit-host-job-it-slow", "--", "sh", "-c", "echo started; sleep 600");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .startsWith(hostname + ": did not finish: still running after 3s; stopped\n  | started\n")
        .endsWith("host job refit-host-job-it-slow on 1 node: 1 did not finish\n");
    assertThat(swarm.serviceNames()).doesNotContain("refit-host-job-it-slow");
  }

  @Test
  void pullsAPrivateImageWithTheUsersCredentials() throws Exception {
    Path storage = Files.createDirectories(tmp.resolve("private-storage"));
    try (RegistryProcess registry =
            RegistryProcess.builder().storage(storage).htpasswd("ops", "upgrade-pw").start();
        TestImages images = new TestImages(ENV);
        DockerClient docker = ENV.dockerClient()) {
      String image = registry.address() + "/tools/upgrader:1";
      images.importImage(image, Map.of("tool", "upgrader"), TestImages.SLEEP);
      images.push(image, new RegistryCredentials("ops", "upgrade-pw"));
      docker.removeImageCmd(image).withForce(true).exec();
      Path dockerConfig = Files.createDirectories(tmp.resolve("private-docker-config"));
      String auth = Base64.getEncoder().encodeToString("ops:upgrade-pw".getBytes(StandardCharsets.UTF_8));
      Files.writeString(
          dockerConfig.resolve("config.json"),
          "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
      RefitCli withCredentials =
          RefitCli.forTestEngine(ENV, dockerConfig, Files.createDirectories(tmp.resolve("state2")));

      RefitCli.Run run =
          withCredentials.run(
              "host-job", "--image", image, "--timeout", "60s", "--name", "refit-host-job-it-private",
              "--", "echo", "pulled");

      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains(hostname + ": succeeded (exit 0)\n  | pulled\n");
      assertThat(run.out() + run.err()).doesNotContain("upgrade-pw").doesNotContain(auth);
    }
  }

  @Test
  void aConstraintNoNodeMatchesRunsNothing() {
    RefitCli.Run run =
        refit.run(
            "host-job", "--image", ENV.image("app:1.0.0"), "--constraint", "node.role==worker",
            "--name", "refit-host-job-it-none", "--", "true");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo("host job refit-host-job-it-none on 0 nodes: no node matched, nothing ran\n");
    assertThat(swarm.serviceNames()).doesNotContain("refit-host-job-it-none");
  }

  @Test
  void refusesAnEngineThatIsNotASwarmManager() {
    swarm.leave();
    try {
      RefitCli.Run run = refit.run("host-job", "--image", ENV.image("app:1.0.0"), "--", "true");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "refit: " + ENV.dockerHost() + " is not a Swarm manager: host jobs run through a"
                  + " manager of the swarm; point --host at one (or 'docker swarm init' for a"
                  + " single host)\n");
    } finally {
      swarm = SwarmFixture.init(ENV);
    }
  }
}
