package dev.refit.hostjob;

import org.jspecify.annotations.Nullable;
/**
 * What a host job did on one node.
 *
 * @param node the node's host name (its id when it has none)
 * @param nodeId the node id
 * @param status the verdict
 * @param exitCode the command's exit code, or {@code null} when it did not exit
 * @param detail Swarm's explanation, e.g. {@code task: non-zero exit (3)}, {@code node is down}
 * @param logTail the last lines of the command's output, or {@code ""}
 */
public record NodeResult(
    String node, String nodeId, Status status, @Nullable Integer exitCode, String detail, String logTail) {

  public enum Status {
    /** Exited with 0. */
    SUCCEEDED("succeeded", true),
    /** Exited with another code, or Swarm could not start it (e.g. the image could not be pulled). */
    FAILED("failed", false),
    /** Still running (or waiting) when the timeout came, or its node went down meanwhile. */
    DID_NOT_FINISH("did not finish", false),
    /** The node is down: nothing ran there. */
    DOWN("down", false),
    /** The node is paused or drained: Swarm runs nothing new there, by the operator's choice. */
    SKIPPED("skipped", true);

    private final String text;
    private final boolean ok;

    Status(String text, boolean ok) {
      this.text = text;
      this.ok = ok;
    }

    public String text() {
      return text;
    }

    /** Whether this node leaves the job successful. */
    public boolean ok() {
      return ok;
    }
  }
}
