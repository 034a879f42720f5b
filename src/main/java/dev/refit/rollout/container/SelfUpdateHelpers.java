package dev.refit.rollout.container;

import dev.refit.docker.DockerEngine;
import java.util.List;
import java.util.Optional;

/**
 * The self-update helper ({@link SelfUpdate}) as the Refit that started it sees it while it waits
 * to be replaced. A helper that ends without replacing it never will: its image cannot run even
 * the helper (a broken entrypoint), or it failed before it touched anything. Waiting on would only
 * run into a timeout, so the waiting Refit can report this at once.
 */
public final class SelfUpdateHelpers {
  private static final int LOG_LINES = 20;

  private final ContainerEngine ops;

  public SelfUpdateHelpers(DockerEngine engine) {
    this(new DockerContainerEngine(engine.api()));
  }

  SelfUpdateHelpers(ContainerEngine ops) {
    this.ops = ops;
  }

  /**
   * How the helper ended.
   *
   * @param what e.g. {@code the self-update helper refit-refit-helper exited with 1}
   * @param logTail its last lines, when it is still there to ask
   */
  public record Ended(String what, List<String> logTail) {}

  /**
   * The end of the helper replacing the container {@code name}, or empty while it runs (or has not
   * started yet). A helper that is gone counts as ended: a cycle of the waiting Refit removes a
   * finished helper, and nothing else does before the container is replaced.
   */
  public Optional<Ended> ended(String name) {
    String helper = name + SelfUpdate.HELPER_SUFFIX;
    Optional<ContainerInfo> found = ops.find(helper);
    if (found.isEmpty()) {
      return Optional.of(new Ended("the self-update helper " + helper + " ended and is gone", List.of()));
    }
    ContainerInfo c = found.get();
    if (c.running() || c.restarting() || c.status().equals("created")) {
      return Optional.empty();
    }
    String error = c.stateError().isBlank() ? "" : " (" + c.stateError() + ")";
    List<String> logs;
    try {
      logs = ops.logs(c.id(), LOG_LINES);
    } catch (RuntimeException e) {
      logs = List.of();
    }
    return Optional.of(
        new Ended("the self-update helper " + helper + " exited with " + c.exitCode() + error, logs));
  }
}
