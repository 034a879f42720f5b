package dev.refit.rollout.container;

import java.util.OptionalInt;
import java.util.function.Supplier;

/** What went wrong with a container since it was started, in the words of a failure message. */
final class ContainerTrouble {
  private ContainerTrouble() {}

  /**
   * A problem, or {@code null} while it runs as it did at {@code first}.
   *
   * @param lastExit the code of the container's last exit, as the engine's events tell it: asked
   *     only when it restarted, since the engine resets {@code State.ExitCode} when it starts the
   *     container again, and a poll that comes after the restart sees 0
   */
  static String since(ContainerInfo first, ContainerInfo now, Supplier<OptionalInt> lastExit) {
    if (now.restarting()) {
      return "keeps restarting (exited with code " + now.exitCode() + ", restart "
          + now.restartCount() + ")";
    }
    if (now.restartCount() != first.restartCount() || !now.startedAt().equals(first.startedAt())) {
      OptionalInt code = lastExit.get();
      if (code.isPresent()) {
        return "restarted (exited with code " + code.getAsInt() + ")";
      }
      // running again with code 0 says nothing: the engine reset it on the restart
      return now.running() && now.exitCode() == 0
          ? "restarted"
          : "restarted (exited with code " + now.exitCode() + ")";
    }
    if (!now.running()) {
      if (now.oomKilled()) {
        return "killed: out of memory";
      }
      String error = now.stateError();
      if (!error.isEmpty()) {
        return now.status() + ": " + error;
      }
      return "exited with code " + now.exitCode();
    }
    return null;
  }
}
