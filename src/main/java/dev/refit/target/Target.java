package dev.refit.target;

import java.util.List;
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
 */
public record Target(
    TargetKind kind,
    String id,
    String name,
    String location,
    String image,
    @Nullable String imageId,
    List<String> repoDigests,
    UpdateRules rules) {

  public Target {
    repoDigests = List.copyOf(repoDigests);
  }
}
