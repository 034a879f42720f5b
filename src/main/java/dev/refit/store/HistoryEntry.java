package dev.refit.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * @param environment the fleet environment whose agent sent it upstream, or {@code null} for an
 *     entry this Refit recorded itself (the fleet server's {@code local})
 *
 * <p>Built with {@link #of} and named setters: thirteen positional values are easy to swap.
 */
public record HistoryEntry(
    long id,
    Instant startedAt,
    Instant finishedAt,
    String targetKind,
    String targetName,
    String location,
    @Nullable String fromImage,
    @Nullable String toImage,
    @Nullable String fromDigest,
    @Nullable String toDigest,
    UpdateOutcome outcome,
    @Nullable String message,
    @Nullable String trigger,
    @Nullable String environment) {

  /**
   * The newest entry per target name.
   *
   * @param newestFirst entries as {@link UpdateHistory#page} lists them
   */
  public static Map<String, HistoryEntry> newestPerTarget(List<HistoryEntry> newestFirst) {
    Map<String, HistoryEntry> last = new HashMap<>();
    for (HistoryEntry e : newestFirst) {
      last.putIfAbsent(e.targetName(), e);
    }
    return last;
  }

  /** The same entry with the id the store assigned. */
  public HistoryEntry withId(long newId) {
    return new HistoryEntry(
        newId, startedAt, finishedAt, targetKind, targetName, location, fromImage, toImage,
        fromDigest, toDigest, outcome, message, trigger, environment);
  }

  /** Starts an entry for the target {@code name} of {@code kind} on {@code location}. */
  public static Builder of(String kind, String name, String location) {
    return new Builder(kind, name, location);
  }

  /** Collects an entry's values by name; {@link #build} checks the required ones are there. */
  public static final class Builder {
    private final String kind;
    private final String name;
    private final String location;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable String fromImage;
    private @Nullable String toImage;
    private @Nullable String fromDigest;
    private @Nullable String toDigest;
    private @Nullable UpdateOutcome outcome;
    private @Nullable String message;
    private @Nullable String trigger;

    private Builder(String kind, String name, String location) {
      this.kind = kind;
      this.name = name;
      this.location = location;
    }

    public Builder between(Instant started, Instant finished) {
      this.startedAt = started;
      this.finishedAt = finished;
      return this;
    }

    public Builder images(@Nullable String from, @Nullable String to) {
      this.fromImage = from;
      this.toImage = to;
      return this;
    }

    public Builder digests(@Nullable String from, @Nullable String to) {
      this.fromDigest = from;
      this.toDigest = to;
      return this;
    }

    public Builder outcome(UpdateOutcome value, @Nullable String why) {
      this.outcome = value;
      this.message = why;
      return this;
    }

    public Builder trigger(@Nullable String value) {
      this.trigger = value;
      return this;
    }

    public HistoryEntry build() {
      return new HistoryEntry(
          0,
          Objects.requireNonNull(startedAt, "between"),
          Objects.requireNonNull(finishedAt, "between"),
          kind,
          name,
          location,
          fromImage,
          toImage,
          fromDigest,
          toDigest,
          Objects.requireNonNull(outcome, "outcome"),
          message,
          trigger,
          null);
    }
  }
}
