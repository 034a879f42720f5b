package dev.refit.store;

import java.time.Instant;

/**
 * An update in flight, as the journal last recorded it.
 *
 * @param id the journal id
 * @param kind which applier owns it, e.g. {@code container-recreate}
 * @param targetId the engine's id of the target when the update began
 * @param targetName the target's name
 * @param location the Docker host or environment
 * @param plan what the update was going to do, as the applier wrote it (JSON)
 * @param step the step announced last: it may or may not have been taken
 * @param state what the applier recorded with that step (JSON), or {@code null}
 */
public record JournalEntry(
    long id,
    String kind,
    String targetId,
    String targetName,
    String location,
    String plan,
    String step,
    String state,
    Instant startedAt,
    Instant updatedAt) {}
