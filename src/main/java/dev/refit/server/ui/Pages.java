package dev.refit.server.ui;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The models the templates render, one record per page. */
public final class Pages {
  private Pages() {}

  public record Login(@Nullable String error, boolean hasUsers) {}

  public record Overview(Frame frame, List<EnvironmentRow> environments) {}

  /**
   * @param lastCycle when the last cycle started and what started it, or empty
   */
  public record Environment(
      Frame frame, String name, boolean busy, String lastCycle, @Nullable String cycleError, List<TargetRow> targets) {}

  /**
   * @param previous the query of the previous page, or {@code null} on the first
   * @param next the query of the next page, or {@code null} on the last
   */
  public record History(
      Frame frame,
      List<HistoryRow> rows,
      List<String> environments,
      String environment,
      String target,
      String outcome,
      List<String> outcomes,
      int from,
      int to,
      int total,
      @Nullable String previous,
      @Nullable String next) {}

  public record Settings(Frame frame, String config) {}

  public record Campaigns(Frame frame) {}
}
