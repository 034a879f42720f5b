package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * One task of a service: one container on one node, as {@code GET /tasks} describes it.
 *
 * @param id the task id
 * @param nodeId the node it was assigned to, or {@code ""} before scheduling
 * @param desiredState what the orchestrator wants: {@code running}, {@code shutdown}, {@code
 *     complete}, ...
 * @param state where it is: {@code pending}, {@code running}, {@code complete}, {@code failed},
 *     {@code rejected}, ...
 * @param message the status message, e.g. {@code started}
 * @param error the status error, e.g. {@code task: non-zero exit (3)}, or {@code ""}
 * @param exitCode the container's exit code once it exited, else {@code null}
 * @param image the image this task runs ({@code Spec.ContainerSpec.Image})
 * @param createdAt when Swarm created it
 */
public record SwarmTask(
    String id,
    String nodeId,
    String desiredState,
    String state,
    String message,
    String error,
    Integer exitCode,
    String image,
    Instant createdAt) {

  /** States after which a task never runs again. */
  private static final Set<String> TERMINAL =
      Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove");

  static SwarmTask from(JsonNode task) {
    JsonNode status = task.path("Status");
    String state = status.path("State").asText("");
    JsonNode exit = status.path("ContainerStatus").path("ExitCode");
    Integer exitCode =
        exit.isNumber() && ("complete".equals(state) || "failed".equals(state)) ? exit.asInt() : null;
    return new SwarmTask(
        task.path("ID").asText(),
        task.path("NodeID").asText(""),
        task.path("DesiredState").asText(""),
        state,
        status.path("Message").asText(""),
        status.path("Err").asText(""),
        exitCode,
        task.path("Spec").path("ContainerSpec").path("Image").asText(""),
        instant(task.path("CreatedAt").asText("")));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  public boolean isTerminal() {
    return TERMINAL.contains(state);
  }

  public boolean isRunning() {
    return "running".equals(state);
  }

  /** Whether the orchestrator still wants it to run (it is not being replaced or stopped). */
  public boolean isWanted() {
    return "running".equals(desiredState) || "ready".equals(desiredState);
  }
}
