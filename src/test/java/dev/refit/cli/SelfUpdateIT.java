package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refit running in a container updates its own container: a Refit image is built here (a jlink
 * runtime and the shaded jar in a copy of the busybox rootfs, {@code docker import}), in two
 * versions; the old one, started with the engine's socket, hands its update to a helper from the new
 * image, which recreates the Refit container; the new Refit removes the helper.
 */
class SelfUpdateIT {
  private static final Path JAR = Path.of("target", "refit.jar");
  /** Kept between runs of the suite: the runtime only depends on the JDK. */
  private static final Path RUNTIME = Path.of("target", "it-refit-runtime");
  private static final String MODULES =
      "java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.unsupported";
  private static final String NAME = "refit-self";
  private static final String STATE_VOLUME = "refit-self-it-state";

  private static UpdateTestbed bed;

  @BeforeAll
  static void refitImages() throws Exception {
    bed = new UpdateTestbed("self-update-it", null);
    Path rootfs = bed.dir.resolve("rootfs");
    buildRootfs(rootfs);
    List<String> changes =
        List.of(
            "ENTRYPOINT [\"/opt/refit/jre/bin/java\",\"-jar\",\"/opt/refit/refit.jar\"]",
            "CMD [\"update\",\"--interval\",\"1h\",\"--opt-in\"]");
    for (String version : List.of("1.0.0", "1.0.1")) {
      String reference = bed.image("refit:" + version);
      bed.images.importImage(
          reference, rootfs, concat(changes, "LABEL org.opencontainers.image.version=" + version));
      bed.images.push(reference);
    }
    bed.docker.removeImageCmd(bed.image("refit:1.0.1")).exec();
  }

  @AfterAll
  static void tearDown() {
    bed.close();
    try {
      bed.docker.removeVolumeCmd(STATE_VOLUME).exec();
    } catch (RuntimeException ignored) {
      // never created
    }
  }

  @Test
  void refitInAContainerReplacesItselfWithItsNewImage() throws Exception {
    String socket = UpdateTestbed.ENV.dockerHost().replaceFirst("^unix://", "");
    String oldId =
        bed.run(
            NAME,
            """
            {"Image": "%s",
             "Env": ["REFIT_STATE_DIR=/state", "REFIT_UPDATE_STABILITY=3s"],
             "Labels": {"refit.enable": "true"},
             "HostConfig": {"NetworkMode": "host",
               "Binds": ["%s:/var/run/docker.sock", "%s:/state"]}}
            """
                .formatted(bed.image("refit:1.0.0"), socket, STATE_VOLUME),
            Map.of());

    JsonNode updated = awaitNewRefit(oldId, Duration.ofSeconds(150));

    assertThat(updated.path("Config").path("Image").asText()).isEqualTo(bed.image("refit:1.0.1"));
    assertThat(updated.path("Config").path("Labels").path("org.opencontainers.image.version").asText())
        .isEqualTo("1.0.1");
    assertThat(texts(updated.path("HostConfig").path("Binds")))
        .containsExactly(socket + ":/var/run/docker.sock", STATE_VOLUME + ":/state");
    assertThat(bed.exists(oldId)).isFalse();
    assertThat(bed.exists(NAME + "-refit-old")).isFalse();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!logs(NAME).contains("removed the finished self-update helper " + NAME + "-refit-helper")
        && System.nanoTime() < until) {
      TimeUnit.MILLISECONDS.sleep(500);
    }
    assertThat(logs(NAME)).contains("removed the finished self-update helper " + NAME + "-refit-helper");
    String history =
        bed.exec(NAME, "/opt/refit/jre/bin/java", "-jar", "/opt/refit/refit.jar", "history");
    assertThat(history).contains(NAME).contains("applied").contains(bed.image("refit:1.0.1"));
  }

  /** Waits until the container named refit-self is a new one, on the new image, and the helper is gone. */
  private static JsonNode awaitNewRefit(String oldId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode current = null;
    while (System.nanoTime() < deadline) {
      current = bed.api.findContainer(NAME).orElse(null);
      boolean replaced =
          current != null
              && !current.path("Id").asText().equals(oldId)
              && current.path("State").path("Running").asBoolean()
              && !bed.exists(NAME + "-refit-old");
      if (replaced && !bed.exists(NAME + "-refit-helper")) {
        return current;
      }
      boolean oldOneDied =
          current != null
              && current.path("Id").asText().equals(oldId)
              && !current.path("State").path("Running").asBoolean()
              && !bed.exists(NAME + "-refit-helper");
      if (oldOneDied) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError(
        "Refit did not replace itself (waited up to " + timeout.toSeconds() + "s); containers: "
            + bed.docker.listContainersCmd().withShowAll(true).exec().stream()
                .map(c -> List.of(c.getNames()) + " " + c.getImage() + " " + c.getStatus())
                .toList()
            + "\nlogs of " + NAME + ":\n" + logs(NAME)
            + "\nlogs of the helper:\n" + logs(NAME + "-refit-helper")
            + "\nlast inspect: " + current);
  }

  private static String logs(String container) {
    try {
      StringBuilder text = new StringBuilder();
      bed.docker
          .logContainerCmd(container)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(60)
          .exec(
              new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                  text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
      return text.toString();
    } catch (Exception e) {
      return "(none: " + e.getMessage() + ")";
    }
  }

  /**
   * The busybox rootfs plus a jlink runtime, the jar, and the C libraries the runtime links (the
   * rootfs has none).
   */
  private static void buildRootfs(Path rootfs) throws IOException, InterruptedException {
    synchronized (SelfUpdateIT.class) {
      if (!Files.isExecutable(RUNTIME.resolve("bin/java"))) {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        sh(
            "rm -rf \"$1\" && \"$2\" --add-modules \"$3\" --strip-debug --no-header-files --no-man-pages --output \"$1\"",
            RUNTIME.toString(), jlink.toString(), MODULES);
      }
    }
    sh(
        """
        set -e
        cp -a "$1/." "$2/"
        mkdir -p "$2/opt/refit"
        cp -a "$3" "$2/opt/refit/jre"
        cp "$4" "$2/opt/refit/refit.jar"
        libs=$(ldd "$2/opt/refit/jre/bin/java" "$2/opt/refit/jre/lib/server/libjvm.so" "$2"/opt/refit/jre/lib/*.so 2>/dev/null \
          | awk '/=> \\// {print $3} /^[[:space:]]*\\/[^ ]*ld-linux/ {print $1}' | sort -u)
        libc=$(echo "$libs" | grep -F '/libc.so' | head -n 1)
        # native libraries the JVM loads later (SQLite, JNA) also want glibc's pthread/dl/rt
        for extra in libpthread.so.0 libdl.so.2 librt.so.1; do
          [ -e "$(dirname "$libc")/$extra" ] && libs="$libs $(dirname "$libc")/$extra"
        done
        for lib in $libs; do
          mkdir -p "$2$(dirname "$lib")"
          cp -L "$lib" "$2$lib"
        done
        """,
        UpdateTestbed.ENV.rootfs().toString(), rootfs.toString(), RUNTIME.toString(), JAR.toString());
  }

  private static void sh(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", script, "sh"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("building the Refit image failed:\n" + output);
    }
  }

  private static List<String> concat(List<String> list, String item) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(item);
    return all;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
