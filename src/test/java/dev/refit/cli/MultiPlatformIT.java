package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-platform tag: the registry's index digest differs from the per-platform digest a local
 * image may carry; Refit compares both before calling an image outdated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiPlatformIT {
  private static final String LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String V2 = "application/vnd.docker.distribution.manifest.v2+json";

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private DockerClient docker;
  private TestImages images;
  private ContainerFixture containers;
  private RegistryProcess registry;
  private RefitCli refit;

  @BeforeAll
  void setUp() throws Exception {
    docker = env.dockerClient();
    images = new TestImages(env);
    containers = new ContainerFixture(docker);
    containers.removeAll();
    registry = RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("s"))).start();
    refit =
        RefitCli.forTestEngine(
            env,
            Files.createDirectories(tmp.resolve("docker-config")),
            Files.createDirectories(tmp.resolve("state")));
  }

  @AfterAll
  void tearDown() throws Exception {
    containers.removeAll();
    images.close();
    registry.close();
    docker.close();
  }

  private String ref(String repoAndTag) {
    return registry.address() + "/" + repoAndTag;
  }

  private long size(String repo, String digest) throws Exception {
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/" + repo + "/manifests/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", V2)
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return head.headers().firstValueAsLong("content-length").orElseThrow();
  }

  /** Pushes a manifest list naming one manifest per platform, as buildx would. */
  private String pushIndex(String repo, String tag, String amd64, String arm64) throws Exception {
    String body =
        """
        {"schemaVersion":2,"mediaType":"%s","manifests":[
          {"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}
        ]}"""
            .formatted(LIST, V2, amd64, size(repo, amd64), V2, arm64, size(repo, arm64));
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", LIST)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    return put.headers().firstValue("docker-content-digest").orElseThrow();
  }

  @Test
  void aLocalPlatformDigestMatchesTheIndexEntryAndANewEntryIsAnUpdate() throws Exception {
    String amd64 = images.importAndPush(ref("mp:amd64-v1"), Map.of("v", "1"), TestImages.SLEEP);
    String arm64 = images.importAndPush(ref("mp:arm64-v1"), Map.of("v", "1a"), TestImages.SLEEP);
    String index = pushIndex("mp", "1.0", amd64, arm64);
    // the engine knows the amd64 manifest by its own digest only, as after a pull by platform digest
    docker.tagImageCmd(ref("mp:amd64-v1"), registry.address() + "/mp", "1.0").exec();
    containers.run("multi", ref("mp:1.0"), Map.of("refit.policy", "digest"));

    RefitCli.Run current = refit.run("check", "multi");
    assertThat(current.out())
        .containsPattern("multi +\\S+/mp:1.0 +1.0 \\(" + amd64.substring(7, 19) + "\\) +- +digest +up to date");
    assertThat(current.exitCode()).isZero();

    String newAmd64 = images.importAndPush(ref("mp:amd64-v2"), Map.of("v", "2"), TestImages.SLEEP);
    String newIndex = pushIndex("mp", "1.0", newAmd64, arm64);
    assertThat(newIndex).isNotEqualTo(index);
    RefitCli.Run outdated = refit.run("check", "multi", "--json");
    assertThat(outdated.exitCode()).isEqualTo(1);
    assertThat(outdated.out()).contains("\"digest\" : \"" + newIndex + "\"");
  }
}
