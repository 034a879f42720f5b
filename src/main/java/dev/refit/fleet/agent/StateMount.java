package dev.refit.fleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the agent's state directory outlives its container. The credential is there, and the
 * join token that got it is spent: an agent in a container whose state directory is in the
 * container itself, or on an anonymous volume (the image declares one; a Swarm service gets a new
 * one for every task), cannot reconnect once its container or task is replaced. Said once at start,
 * while it is still cheap to fix.
 */
public final class StateMount {
  private StateMount() {}

  /**
   * @param container the agent's own container, as the engine inspects it
   * @return the warning, or empty when a named volume or a bind mount holds the directory
   */
  public static Optional<String> warning(JsonNode container, Path stateDirectory) {
    String dir = stateDirectory.toAbsolutePath().normalize().toString();
    for (JsonNode mount : container.path("Mounts")) {
      if (!dir.equals(mount.path("Destination").asText())) {
        continue;
      }
      String type = mount.path("Type").asText();
      // Docker names an anonymous volume by 64 hex digits
      boolean anonymous = type.equals("volume") && mount.path("Name").asText().matches("[0-9a-f]{64}");
      if (!anonymous) {
        return Optional.empty();
      }
      return Optional.of(line(dir, "is on an anonymous volume of this container"));
    }
    return Optional.of(line(dir, "is inside this container"));
  }

  private static String line(String dir, String where) {
    return "the state directory " + dir + " " + where + ": a replaced container or Swarm task starts without this"
        + " agent's credential and cannot reconnect; put it on a named volume (docker run -v refit-agent:" + dir
        + ", or docker service create --mount type=volume,src=refit-agent,dst=" + dir + ")";
  }
}
