package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One update attempt as the agent recorded it in its own history. The outcome travels as the
 * agent's word (e.g. {@code APPLIED}): the server stores the ones it knows and skips a newer kind.
 *
 * @param id the entry's id in the agent's database: the server stores each (agent, id) once
 */
public record HistoryRecord(
    @JsonProperty(required = true) long id,
    Instant startedAt,
    Instant finishedAt,
    String targetKind,
    String targetName,
    String location,
    @Nullable String fromImage,
    @Nullable String toImage,
    @Nullable String fromDigest,
    @Nullable String toDigest,
    String outcome,
    @Nullable String message,
    @Nullable String trigger) {
  /** Longer messages are cut: a hundred records must fit one frame. */
  public static final int MAX_MESSAGE = 2000;

  public HistoryRecord {
    if (id < 1) {
      throw new IllegalArgumentException("field 'id' must be at least 1");
    }
    Fields.required(startedAt, "startedAt");
    Fields.required(finishedAt, "finishedAt");
    Fields.text(targetKind, "targetKind");
    Fields.text(targetName, "targetName");
    Fields.required(location, "location");
    Fields.text(outcome, "outcome");
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
  }
}
