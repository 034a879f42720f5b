package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.CommandReport;
import org.jspecify.annotations.Nullable;

/**
 * What to do with a command that just arrived. In every case the agent acknowledges it.
 *
 * @param report for {@link Kind#DONE}: the stored report to send again; null otherwise
 */
public record Offer(Kind kind, @Nullable CommandReport report) {
  public enum Kind {
    /** First sight: run it, then {@link CommandLedger#finish} it. */
    NEW,
    /** Already running (the server re-sent it after a reconnect): the report follows when done. */
    IN_FLIGHT,
    /** Already finished: send the stored report again, run nothing. */
    DONE
  }
}
