package dev.refit.cli;

import dev.refit.docker.DockerEngine;
import dev.refit.pipeline.Rollout;
import dev.refit.pipeline.UnavailableRollout;

/** The appliers {@code refit serve} uses, per target kind. */
public final class ServeRollouts {
  private ServeRollouts() {}

  public static Rollout forEngine(DockerEngine engine) {
    return new UnavailableRollout();
  }
}
