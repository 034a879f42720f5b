package dev.refit.server.ui;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The models the templates render, one record per page. */
public final class Pages {
  private Pages() {}

  public record Login(@Nullable String error, boolean hasUsers) {}

  /**
   * @param labels every label some environment has, for the filter
   * @param label the label filter, or empty
   * @param state {@code online}, {@code offline} or empty
   * @param query the filter as a query string, for the live fragment
   */
  public record Overview(
      Frame frame, List<EnvironmentRow> environments, List<String> labels, String label, String state, String query) {}

  /** An agent's environment: what its last inventory listed. */
  public record Remote(Frame frame, FleetControl.RemoteEnvironment environment) {}

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

  /**
   * @param joinToken a join token just issued, shown this once, or {@code null}
   */
  public record Settings(
      Frame frame,
      String config,
      List<FleetControl.RemoteEnvironment> agents,
      @Nullable String joinToken,
      String joinTokenExpires) {}

  public record Campaigns(Frame frame, List<CampaignControl.Campaign> campaigns) {}

  public record Campaign(Frame frame, CampaignControl.CampaignDetail detail) {}
}
