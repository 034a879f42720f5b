package dev.refit.fleet.protocol;

import java.util.List;

/**
 * Entries of the agent's own history, oldest first, that the server has not stored yet: sent after
 * the welcome (from the id the server names there) and whenever the agent records more. Sending
 * one again is harmless: the server keeps each entry once.
 */
public record HistoryBatch(List<HistoryRecord> entries) implements Message {
  /** Records per frame: well inside the frame limit even with long messages. */
  public static final int MAX_ENTRIES = 100;

  public HistoryBatch {
    entries = Fields.list(entries, "entries");
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("field 'entries' holds more than " + MAX_ENTRIES);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.HISTORY;
  }
}
