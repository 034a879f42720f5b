package dev.refit.rollout.container;

/** What went wrong with a container since it was started, in the words of a failure message. */
final class ContainerTrouble {
  private ContainerTrouble() {}

  /** A problem, or {@code null} while it runs as it did at {@code first}. */
  static String since(ContainerInfo first, ContainerInfo now) {
    if (now.restarting()) {
      return "keeps restarting (exited with code " + now.exitCode() + ", restart "
          + now.restartCount() + ")";
    }
    if (now.restartCount() != first.restartCount() || !now.startedAt().equals(first.startedAt())) {
      return "restarted (exited with code " + now.exitCode() + ")";
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
