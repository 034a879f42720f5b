package dev.refit.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which history entries to list: those of one target, those that ended one way, or both; {@code
 * null} matches every value.
 */
public record HistoryFilter(@Nullable String target, @Nullable UpdateOutcome outcome) {
  /** Every entry. */
  public static final HistoryFilter ALL = new HistoryFilter(null, null);

  /**
   * Reads a filter as a request names it; blank means any.
   *
   * @throws IllegalArgumentException naming the outcome that is not one
   */
  public static HistoryFilter parse(@Nullable String target, @Nullable String outcome) {
    String name = target == null || target.isBlank() ? null : target.trim();
    UpdateOutcome ended = null;
    if (outcome != null && !outcome.isBlank()) {
      try {
        ended = UpdateOutcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "outcome='" + outcome + "' is not one of applied, rolled_back, failed, broken, recovered");
      }
    }
    return new HistoryFilter(name, ended);
  }

  String where() {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (target != null) {
      sql.append(" AND target_name = ?");
    }
    if (outcome != null) {
      sql.append(" AND outcome = ?");
    }
    return sql.toString();
  }

  /** Binds the values {@link #where()} asks for, from parameter 1; returns the next index. */
  int bind(PreparedStatement s) throws SQLException {
    int i = 1;
    if (target != null) {
      s.setString(i++, target);
    }
    if (outcome != null) {
      s.setString(i++, outcome.name());
    }
    return i;
  }
}
