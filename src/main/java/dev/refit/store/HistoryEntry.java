package dev.refit.store;

import java.time.Instant;

/**
 * One update attempt, as kept in the history.
 *
 * @param id assigned by the store; 0 before recording
 * @param targetKind e.g. {@code container}, {@code service}
 * @param targetName the name users know the target by
 * @param location the Docker host or environment it lives in
 * @param fromImage the image reference before, as the user wrote it
 * @param toImage the image reference after (or attempted)
 * @param fromDigest the registry digest before, or {@code null}
 * @param toDigest the registry digest attempted, or {@code null}
 * @param outcome how it ended
 * @param message a one-line explanation for failures and rollbacks, or {@code null}
 * @param trigger what started it: {@code cli}, {@code schedule}, {@code webhook}, ...
 */
public record HistoryEntry(
    long id,
    Instant startedAt,
    Instant finishedAt,
    String targetKind,
    String targetName,
    String location,
    String fromImage,
    String toImage,
    String fromDigest,
    String toDigest,
    UpdateOutcome outcome,
    String message,
    String trigger) {}
