package dev.refit.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which history entries to list: those of one environment, of one target, that ended one way, or
 * any mix; {@code null} matches every value.
 *
 * @param environment {@value #OWN} for the entries this Refit recorded itself, else the name of
 *     the fleet environment whose agent sent them
 */
public record HistoryFilter(
    @Nullable String environment, @Nullable String target, @Nullable UpdateOutcome outcome) {
  /** Every entry. */
  public static final HistoryFilter ALL = new HistoryFilter(null, null, null);

  /** The environment name of this Refit's own engine (the fleet server's {@code local}). */
  public static final String OWN = "local";

  /** Every entry this Refit recorded itself. */
  public static final HistoryFilter OWN_ONLY = new HistoryFilter(OWN, null, null);

  /**
   * Reads a filter as a request names it; blank means any.
   *
   * @throws IllegalArgumentException naming the outcome that is not one
   */
  public static HistoryFilter parse(
      @Nullable String environment, @Nullable String target, @Nullable String outcome) {
    UpdateOutcome ended = null;
    if (outcome != null && !outcome.isBlank()) {
      try {
        ended = UpdateOutcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "outcome='" + outcome + "' is not one of applied, rolled_back, failed, broken, recovered");
      }
    }
    return new HistoryFilter(orNull(environment), orNull(target), ended);
  }

  private static @Nullable String orNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** The conditions on {@code history h}; an agent's entries are found by its current name. */
  String where() {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (OWN.equals(environment)) {
      sql.append(" AND h.agent_id IS NULL");
    } else if (environment != null) {
      sql.append(" AND h.agent_id IN (SELECT agent_id FROM fleet_agents WHERE name = ?)");
    }
    if (target != null) {
      sql.append(" AND h.target_name = ?");
    }
    if (outcome != null) {
      sql.append(" AND h.outcome = ?");
    }
    return sql.toString();
  }

  /** Binds the values {@link #where()} asks for, from parameter 1; returns the next index. */
  int bind(PreparedStatement s) throws SQLException {
    int i = 1;
    if (environment != null && !OWN.equals(environment)) {
      s.setString(i++, environment);
    }
    if (target != null) {
      s.setString(i++, target);
    }
    if (outcome != null) {
      s.setString(i++, outcome.name());
    }
    return i;
  }
}
