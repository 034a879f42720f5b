package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.CommandReport;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A command the agent accepted.
 *
 * @param report its final report, or null while it runs
 * @param finishedAt when the report was recorded; orders eviction (oldest result goes first)
 */
public record LedgerEntry(
    String commandId,
    Instant acceptedAt,
    @Nullable CommandReport report,
    @Nullable Instant finishedAt) {

  public boolean isFinished() {
    return report != null;
  }

  LedgerEntry finish(CommandReport result, Instant at) {
    return new LedgerEntry(commandId, acceptedAt, result, at);
  }
}
