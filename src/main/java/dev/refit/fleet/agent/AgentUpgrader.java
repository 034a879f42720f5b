package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import java.util.Optional;

/**
 * Carries out {@link dev.refit.fleet.protocol.Action#UPGRADE_AGENT}: replaces this agent with the
 * command's image in its own environment and reports how it went. Runs on a worker thread and may
 * take minutes; the command is in the ledger before it starts, so it never runs twice.
 *
 * <p>The process that starts an upgrade is usually replaced before it learns the outcome: the
 * next agent process (the new image, or the old one put back) finds the command still {@link
 * #pending()} — it must not be failed as "interrupted" — and reports it from {@link #resume()}.
 */
public interface AgentUpgrader {
  CommandReport upgrade(Command command);

  /** The id of an upgrade an earlier process of this agent started and did not report, if any. */
  default Optional<String> pending() {
    return Optional.empty();
  }

  /**
   * The report of the {@link #pending()} upgrade, once its rollout's verdict is known (may wait
   * for it, so call it off the connection's thread); empty when there is none.
   */
  default Optional<CommandReport> resume() {
    return Optional.empty();
  }

  /** For a build without the self-upgrade: refuses with a line that says so. */
  static AgentUpgrader unsupported() {
    return command ->
        new CommandReport(command.id(), false, "this agent cannot upgrade itself", "");
  }
}
