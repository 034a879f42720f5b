package dev.refit.server.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns as the UI sees them: what {@code /api/campaigns} lists, shows, creates and cancels, as
 * calls. Defined here, filled by the server's wiring from the campaign runner, so the UI does not
 * depend on the campaign packages.
 */
public interface CampaignControl {
  /** Newest first. */
  List<Campaign> campaigns();

  Optional<CampaignDetail> campaign(String id);

  /**
   * Starts a campaign from the form, validated as the API validates its JSON.
   *
   * @return the new campaign's id
   * @throws IllegalArgumentException one line naming the field that is wrong
   */
  String create(CampaignForm form, String createdBy);

  /**
   * @throws IllegalArgumentException when there is no such campaign or it already ended
   */
  void cancel(String id);

  /** Told whenever a campaign's stored state changes, on the campaigns' thread; must return quickly. */
  default void onChange(Runnable listener) {}

  /** No campaigns: a daemon without the fleet. */
  static CampaignControl none() {
    return new CampaignControl() {
      @Override
      public List<Campaign> campaigns() {
        return List.of();
      }

      @Override
      public Optional<CampaignDetail> campaign(String id) {
        return Optional.empty();
      }

      @Override
      public String create(CampaignForm form, String createdBy) {
        throw new IllegalArgumentException("this server runs no campaigns");
      }

      @Override
      public void cancel(String id) {
        throw new IllegalArgumentException("no campaign '" + id + "'");
      }
    };
  }

  /**
   * @param wave 1-based; 0 before the first wave
   * @param counts how many environments are in each state, e.g. {@code "2 done, 1 pending"}
   * @param strategy canaries, soak, batch size and halt threshold in one line
   */
  record Campaign(
      String id,
      String createdAt,
      String createdBy,
      String action,
      String image,
      @Nullable String tag,
      String phase,
      int wave,
      int waves,
      String counts,
      String strategy) {
    /** When it was created, to the second like every time on the pages (the API keeps nanoseconds). */
    public String created() {
      try {
        return Texts.time(Instant.parse(createdAt));
      } catch (DateTimeParseException notAnInstant) {
        return createdAt;
      }
    }

    /** Whether it can still be cancelled. */
    public boolean running() {
      return !phase.equals("completed") && !phase.equals("halted") && !phase.equals("cancelled");
    }
  }

  record CampaignDetail(Campaign campaign, List<EnvironmentProgress> environments) {}

  /** One environment's part: its state, and when it failed, why and the end of its log. */
  record EnvironmentProgress(
      String name, int wave, String state, @Nullable String message, @Nullable String logTail) {}

  /**
   * The create form as typed: lists comma-separated, empty fields meaning the API's defaults.
   *
   * @param action {@code upgrade-agent} or {@code apply}
   */
  record CampaignForm(
      String action,
      String image,
      String tag,
      boolean all,
      String environments,
      String labels,
      String canaries,
      String soak,
      String batchSize,
      String haltAfter) {}
}
