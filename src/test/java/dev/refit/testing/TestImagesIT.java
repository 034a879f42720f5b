package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestImagesIT {

  private static final TestEnvironment ENV = TestEnvironment.get();
  private static TestImages images;
  private static DockerClient docker;

  @BeforeAll
  static void setUp() {
    images = new TestImages(ENV);
    docker = ENV.dockerClient();
  }

  @AfterAll
  static void tearDown() throws Exception {
    images.close();
    docker.close();
  }

  @Test
  void standardImagesArePushedWithDistinctDigests() {
    Map<String, String> app = TestImages.digests(ENV.registry(), "app");
    assertThat(app).containsOnlyKeys(TestEnvironment.APP_TAGS);
    assertThat(new HashSet<>(app.values())).hasSize(TestEnvironment.APP_TAGS.size());
    assertThat(app.values()).allMatch(d -> d.matches("sha256:[0-9a-f]{64}"));

    Map<String, String> other = TestImages.digests(ENV.registry(), "other");
    assertThat(other).containsOnlyKeys(TestEnvironment.OTHER_TAGS);

    Map<String, String> recorded = ENV.standardDigests();
    app.forEach((tag, digest) -> assertThat(recorded).containsEntry("app:" + tag, digest));
    other.forEach((tag, digest) -> assertThat(recorded).containsEntry("other:" + tag, digest));
  }

  @Test
  void standardImagesCarryTheirTagAsLabel() {
    InspectImageResponse image = docker.inspectImageCmd(ENV.image("app:1.1.0")).exec();
    assertThat(image.getConfig().getLabels())
        .containsEntry(TestEnvironment.VERSION_LABEL, "1.1.0");
    assertThat(image.getConfig().getCmd()).containsExactly("/bin/sleep", "3600");
  }

  @Test
  void importedImagesGetDistinctDigestsThatTheRegistryServes() throws Exception {
    Path storage = Files.createTempDirectory(ENV.dir(), "images-it-");
    try (RegistryProcess registry = RegistryProcess.builder().storage(storage).start()) {
      String one = registry.address() + "/fixture/img:one";
      String two = registry.address() + "/fixture/img:two";

      String imageId = images.importImage(one, Map.of("k", "v 1", "quote\"d", "x"), TestImages.SLEEP);
      String digestOne = images.push(one);
      String digestTwo = images.importAndPush(two, Map.of("k", "v 2"), List.of("/bin/sh", "-c", "true"));

      assertThat(imageId).startsWith("sha256:");
      assertThat(digestOne).matches("sha256:[0-9a-f]{64}").isNotEqualTo(digestTwo);
      assertThat(TestImages.manifestDigest(registry.address(), "fixture/img", "one")).contains(digestOne);
      assertThat(TestImages.manifestDigest(registry.address(), "fixture/img", "two")).contains(digestTwo);
      assertThat(TestImages.manifestDigest(registry.address(), "fixture/img", "three")).isEmpty();
      assertThat(TestImages.tags(registry.address(), "fixture/img")).containsExactlyInAnyOrder("one", "two");

      InspectImageResponse inspected = docker.inspectImageCmd(one).exec();
      assertThat(inspected.getConfig().getLabels()).containsEntry("k", "v 1").containsEntry("quote\"d", "x");
      assertThat(inspected.getRepoDigests()).contains(registry.address() + "/fixture/img@" + digestOne);
      assertThat(docker.inspectImageCmd(two).exec().getConfig().getCmd())
          .containsExactly("/bin/sh", "-c", "true");
    }
  }
}
