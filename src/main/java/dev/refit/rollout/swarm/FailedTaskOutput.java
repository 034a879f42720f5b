package dev.refit.rollout.swarm;

import dev.refit.docker.DockerEngineException;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.docker.swarm.SwarmTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Why the new image failed, in the words of its task: Swarm's error and the last lines of its
 * output. Read the moment Refit sees the rollout fail, since Swarm prunes dead tasks (and their
 * containers) soon after a rollback.
 */
final class FailedTaskOutput {
  static final int LINES = 20;
  private static final Set<String> ENDED = Set.of("failed", "rejected", "shutdown");

  private FailedTaskOutput() {}

  /**
   * @return Swarm's reason as {@code (Swarm: ...)} then the output, of the newest task of {@code
   *     image} that failed (or else ended); empty when there is none or it said nothing
   */
  static List<String> of(SwarmApi swarm, String serviceId, String image) {
    try {
      List<SwarmTask> candidates =
          swarm.tasks(serviceId).stream()
              .filter(t -> t.image().equals(image) && ENDED.contains(t.state()))
              .sorted(
                  Comparator.comparing((SwarmTask t) -> t.state().equals("failed") ? 0 : 1)
                      .thenComparing(SwarmTask::createdAt, Comparator.reverseOrder()))
              .toList();
      for (SwarmTask task : candidates) {
        List<String> lines = new ArrayList<>();
        if (!task.error().isEmpty()) {
          lines.add("(Swarm: " + task.error() + ")");
        }
        if (!task.state().equals("rejected")) {
          for (String line : swarm.taskLogs(task.id(), LINES).split("\n")) {
            if (!line.isEmpty()) {
              lines.add(line);
            }
          }
        }
        if (!lines.isEmpty()) {
          return lines;
        }
      }
      return List.of();
    } catch (DockerEngineException e) {
      return List.of("(output unavailable: " + e.getMessage() + ")");
    }
  }
}
