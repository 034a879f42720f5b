package dev.refit.server.ui;

import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import java.util.Objects;

/** One attempt on the History page. */
public record HistoryRow(
    long id,
    String finishedAt,
    String environment,
    String target,
    String kind,
    String from,
    String to,
    String outcome,
    String message,
    String trigger) {

  /** An entry this Refit recorded is {@code local}'s; one an agent sent names the agent's. */
  static HistoryRow of(HistoryEntry e) {
    return new HistoryRow(
        e.id(),
        Texts.time(e.finishedAt()),
        Objects.requireNonNullElse(e.environment(), HistoryFilter.OWN),
        e.targetName(),
        e.targetKind(),
        Objects.requireNonNullElse(e.fromImage(), ""),
        Objects.requireNonNullElse(e.toImage(), ""),
        TargetRow.words(e.outcome().name()),
        Objects.requireNonNullElse(e.message(), ""),
        Objects.requireNonNullElse(e.trigger(), ""));
  }
}
