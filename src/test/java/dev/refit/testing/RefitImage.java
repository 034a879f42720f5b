package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Refit's own image, built by the project's command ({@code scripts/image}) into the test engine,
 * once per test JVM: the ITs that need it share one build (the first one pays about a minute).
 *
 * @param name the local repository, e.g. {@code refit-it}
 * @param version the tag, the project's version
 * @param id the image ID (the config digest)
 * @param log what the build printed
 */
public record RefitImage(String name, String version, String id, String log) {
  public static final String NAME = "refit-it";

  /** The image, built on first use. */
  public static RefitImage get() {
    return Holder.BUILT;
  }

  private static final class Holder {
    static final RefitImage BUILT = build(TestEnvironment.get());
  }

  /** {@code refit-it:<version>}. */
  public String reference() {
    return name + ":" + version;
  }

  /** Builds the image again with the same inputs; returns the new image ID. */
  public static String rebuild(TestEnvironment env) {
    return run(env).id();
  }

  private static RefitImage build(TestEnvironment env) {
    return run(env);
  }

  private static RefitImage run(TestEnvironment env) {
    // The jar and classes Maven just built; the base tarball is cached under target/image-base.
    List<String> command = new ArrayList<>(List.of("scripts/image", "--no-package", "--name", NAME));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = pb.environment();
    environment.put("DOCKER_HOST", env.dockerHost());
    environment.put("DOCKER_CONFIG", env.dir().resolve("docker-config").toString());
    environment.put("MVN_ARGS", "-o");
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("scripts/image failed:\n" + output);
      }
      List<String> lines = output.lines().toList();
      String id = lines.get(lines.size() - 1).strip();
      if (!id.startsWith("sha256:")) {
        throw new IllegalStateException("scripts/image printed no image ID last:\n" + output);
      }
      return new RefitImage(NAME, projectVersion(), id, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the image", e);
    }
  }

  private static String projectVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    int start = pom.indexOf("<version>") + "<version>".length();
    return pom.substring(start, pom.indexOf("</version>", start)).strip();
  }
}
