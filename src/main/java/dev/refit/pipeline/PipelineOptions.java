package dev.refit.pipeline;

import java.time.Duration;

/**
 * What differs between the front doors that run the pipeline; everything else is the same.
 *
 * @param longRunning Refit runs until stopped ({@code refit serve}, {@code refit update
 *     --interval}): its own container may be updated, by a helper that judges the new Refit
 * @param monitorOnly hold every update ({@code --monitor-only})
 * @param dryRun only describe what each cycle would do; change and record nothing
 * @param lockWait how long a cycle waits for another Refit that holds the state lock
 * @param onLockWait told once when a cycle starts waiting for it
 */
public record PipelineOptions(
    boolean longRunning, boolean monitorOnly, boolean dryRun, Duration lockWait, Runnable onLockWait) {}
