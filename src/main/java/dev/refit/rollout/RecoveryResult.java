package dev.refit.rollout;

import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;

/**
 * What recovery did with one update a killed run left unfinished.
 *
 * @param targetName the target's name
 * @param kind the journal kind (which applier)
 * @param interruptedAt the step the killed run had announced last
 * @param completed {@code true} when the update was completed, {@code false} when it was undone
 * @param outcome {@link UpdateOutcome#RECOVERED}, or {@link UpdateOutcome#BROKEN} when the old
 *     state could not be restored
 * @param message one line for the user and the history
 * @param fromImage the image before, as the journal recorded it
 * @param toImage the image attempted
 * @param location where the target lives, when no journal entry says so (an orphan), else null
 */
public record RecoveryResult(
    String targetName,
    String kind,
    String interruptedAt,
    boolean completed,
    UpdateOutcome outcome,
    String message,
    String fromImage,
    String toImage,
    String location) {

  private static final String INTERRUPTED = "an earlier run stopped at step '";

  /** How every recovery's message begins: the step the killed run had announced last. */
  public static String interrupted(String step) {
    return INTERRUPTED + step + "'; ";
  }

  /**
   * A recovery's message without that beginning, for a run whose stop was expected: Swarm stops
   * the agent that updates its own service, and "an earlier run stopped" would read as a crash.
   */
  public static String withoutInterruption(String message) {
    if (!message.startsWith(INTERRUPTED)) {
      return message;
    }
    int end = message.indexOf("'; ", INTERRUPTED.length());
    return end < 0 ? message : message.substring(end + 3);
  }

  /** A recovery of {@code entry}: its target, kind and last step come from the journal. */
  public static Builder of(JournalEntry entry) {
    return new Builder(entry.targetName(), entry.kind(), entry.step(), null);
  }

  /** A repair of something no journal entry describes (an orphan), on {@code location}. */
  public static Builder orphan(String targetName, String kind, String step, String location) {
    return new Builder(targetName, kind, step, location);
  }

  /** Collects a result by name; ends with {@link #completed} or {@link #undone}, never a bare boolean. */
  public static final class Builder {
    private String targetName;
    private final String kind;
    private final String interruptedAt;
    private final String location;
    private String fromImage;
    private String toImage;

    private Builder(String targetName, String kind, String interruptedAt, String location) {
      this.targetName = targetName;
      this.kind = kind;
      this.interruptedAt = interruptedAt;
      this.location = location;
    }

    /** The name users know the target by, when it differs from the journal's. */
    public Builder named(String name) {
      this.targetName = name;
      return this;
    }

    public Builder images(String from, String to) {
      this.fromImage = from;
      this.toImage = to;
      return this;
    }

    /** The update a killed run began was finished. */
    public RecoveryResult completed(UpdateOutcome outcome, String message) {
      return build(true, outcome, message);
    }

    /** The update a killed run began was undone, or left alone. */
    public RecoveryResult undone(UpdateOutcome outcome, String message) {
      return build(false, outcome, message);
    }

    private RecoveryResult build(boolean completed, UpdateOutcome outcome, String message) {
      return new RecoveryResult(
          targetName, kind, interruptedAt, completed, outcome, message, fromImage, toImage, location);
    }
  }
}
