package dev.refit.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process may use the engine's unix socket. Refit's image runs as a non-root user, and
 * the socket usually belongs to root and the host's {@code docker} group: without {@code
 * --group-add <gid>} every call would fail with a bare "Permission denied", so Refit says what to do
 * before it starts.
 */
final class SocketAccess {
  private SocketAccess() {}

  /** One line saying why and how to fix it, or empty when the socket can be used. */
  static Optional<String> problem(Path socket) {
    if (Files.isReadable(socket) && Files.isWritable(socket)) {
      return Optional.empty();
    }
    String gid = attribute(socket, "unix:gid");
    String uid = attribute(Path.of("/proc/self"), "unix:uid");
    return Optional.of(
        "cannot use the Docker socket " + socket + ": it is not readable and writable by this user"
            + " (uid " + uid + "; the socket's group is " + gid + "); run the container with"
            + " --group-add " + gid + " (compose: group_add: [\"" + gid + "\"]), see README.md,"
            + " \"Refit's own image\"");
  }

  private static String attribute(Path path, String name) {
    try {
      return String.valueOf(Files.getAttribute(path, name));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "unknown";
    }
  }
}
