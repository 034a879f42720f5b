package dev.refit.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * What differs between the front doors that run the pipeline; everything else is the same. Built
 * with {@link #builder()} so that no call site passes a row of bare booleans.
 *
 * @param longRunning Refit runs until stopped ({@code refit serve}, {@code refit update
 *     --interval}): its own container may be updated, by a helper that judges the new Refit
 * @param monitorOnly hold every update ({@code --monitor-only})
 * @param dryRun only describe what each cycle would do; change and record nothing
 * @param lockWait how long a cycle waits for another Refit that holds the state lock
 * @param onLockWait told once when a cycle starts waiting for it
 */
public record PipelineOptions(
    boolean longRunning, boolean monitorOnly, boolean dryRun, Duration lockWait, Runnable onLockWait) {

  public PipelineOptions {
    Objects.requireNonNull(lockWait, "lockWait");
    Objects.requireNonNull(onLockWait, "onLockWait");
  }

  /** Options of a one-off, applying run: not long-running, not monitor-only, no dry run. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the options one named setter at a time. */
  public static final class Builder {
    private boolean longRunning;
    private boolean monitorOnly;
    private boolean dryRun;
    private Duration lockWait = Duration.ofMinutes(1);
    private Runnable onLockWait = () -> {};

    private Builder() {}

    public Builder longRunning(boolean value) {
      this.longRunning = value;
      return this;
    }

    public Builder monitorOnly(boolean value) {
      this.monitorOnly = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder lockWait(Duration value, Runnable whenWaiting) {
      this.lockWait = value;
      this.onLockWait = whenWaiting;
      return this;
    }

    public PipelineOptions build() {
      return new PipelineOptions(longRunning, monitorOnly, dryRun, lockWait, onLockWait);
    }
  }
}
