package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;

/**
 * Carries out {@link dev.refit.fleet.protocol.Action#UPGRADE_AGENT}: replaces this agent with the
 * command's image in its own environment and reports how it went. Runs on a worker thread and may
 * take minutes; the command is in the ledger before it starts, so it never runs twice.
 */
public interface AgentUpgrader {
  CommandReport upgrade(Command command);

  /** For a build without the self-upgrade: refuses with a line that says so. */
  static AgentUpgrader unsupported() {
    return command ->
        new CommandReport(command.id(), false, "this agent cannot upgrade itself", "");
  }
}
