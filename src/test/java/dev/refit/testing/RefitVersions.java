package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * More "versions" of Refit's own image ({@link RefitImage}) in a registry, for self-upgrade tests:
 * the same build under another tag and version label, or one whose entrypoint first runs a guard
 * (e.g. a {@code refit agent} that exits at once: a broken release).
 *
 * @param docker the CLI of the engine that holds {@link RefitImage} and pushes
 * @param repository e.g. {@code 127.0.0.1:5000/refit}
 * @param work a directory for the rewritten entrypoint
 */
public record RefitVersions(DockerCli docker, String repository, Path work) {
  /** The image reference of {@code tag}. */
  public String image(String tag) {
    return repository + ":" + tag;
  }

  /** The project's image, pushed as it is under {@code tag}. */
  public String push(String tag) {
    docker.run("tag", RefitImage.get().reference(), image(tag));
    docker.run("push", image(tag));
    return image(tag);
  }

  /**
   * The project's image as another version, pushed; {@code guard} (shell, or null) goes first in
   * its entrypoint script, where {@code $1} is the command.
   */
  public String derive(String tag, String guard) {
    String base = RefitImage.get().reference();
    String container = "refit-derive-" + tag.replaceAll("[^a-zA-Z0-9]", "-");
    docker.run("create", "--name", container, base);
    try {
      if (guard != null) {
        // copied out of the container, not printed by `docker run ... cat`: the CLI's warnings
        // ("IPv4 forwarding is disabled", on some engines only) would land in the script before
        // its #! line, and every command of the image, the self-update helper's too, would fail
        Path script = work.resolve(container + "-entrypoint");
        Files.deleteIfExists(script);
        docker.run("cp", container + ":/opt/refit/bin/refit", script.toString());
        String original = Files.readString(script);
        if (!original.startsWith("#!")) {
          throw new AssertionError("the entrypoint copied out of " + base + " is not a script: " + original.lines().findFirst().orElse(""));
        }
        int body = original.indexOf('\n') + 1;
        Files.writeString(script, original.substring(0, body) + guard + "\n" + original.substring(body));
        script.toFile().setExecutable(true, false);
        docker.run("cp", script.toString(), container + ":/opt/refit/bin/refit");
      }
      docker.run("commit", "--change", "LABEL org.opencontainers.image.version=" + tag, container, image(tag));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      docker.quiet("rm", "-f", container);
    }
    docker.run("push", image(tag));
    return image(tag);
  }
}
