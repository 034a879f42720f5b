package dev.refit.target;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something that runs an image and can be updated: for now a Docker container.
 *
 * @param kind what it is
 * @param id the engine's id for it
 * @param name the name users know it by
 * @param location where it lives: the Docker host URI
 * @param image the image reference as the user wrote it (a container's {@code Config.Image})
 * @param imageId the id of the image it runs now
 * @param repoDigests the running image's {@code RepoDigests} ({@code repo@sha256:...}): what the
 *     registry called it when it was pulled or pushed
 * @param rules what its labels ask for
 * @param source where its image's source or release notes are (the {@code
 *     org.opencontainers.image.source} or {@code .url} label, http(s) only), or {@code null}
 */
public record Target(
    TargetKind kind,
    String id,
    String name,
    String location,
    String image,
    @Nullable String imageId,
    List<String> repoDigests,
    UpdateRules rules,
    @Nullable String source) {

  public Target {
    repoDigests = List.copyOf(repoDigests);
  }

  /** A target whose labels name no source. */
  public Target(
      TargetKind kind,
      String id,
      String name,
      String location,
      String image,
      @Nullable String imageId,
      List<String> repoDigests,
      UpdateRules rules) {
    this(kind, id, name, location, image, imageId, repoDigests, rules, null);
  }

  /**
   * The address the OCI labels give for the image's source or documentation, if it is a web
   * address: a label is anyone's text, and a {@code javascript:} link must never reach a page.
   */
  public static @Nullable String sourceOf(Map<String, String> labels) {
    for (String key : List.of("org.opencontainers.image.source", "org.opencontainers.image.url")) {
      String value = labels.get(key);
      if (value != null) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("https://") || lower.startsWith("http://")) && v.length() <= 2000) {
          return v;
        }
      }
    }
    return null;
  }
}
