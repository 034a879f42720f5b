package dev.refit.config;

import dev.refit.schedule.CronSchedule;
import java.time.Duration;
import java.time.ZoneId;

/**
 * When the daemon checks on its own.
 *
 * @param cron the schedule, or {@code null} for none (webhooks, events and the API only)
 * @param jitter up to this much random delay before each scheduled cycle, so that many hosts do
 *     not ask a registry at the same second
 * @param checkAtStart whether a cycle runs as soon as the daemon starts
 * @param zone the time zone of the cron expression and of maintenance windows
 * @param dockerEvents whether a new or recreated container is checked as soon as it starts
 */
public record ScheduleSettings(
    CronSchedule cron, Duration jitter, boolean checkAtStart, ZoneId zone, boolean dockerEvents) {
  public static final String DEFAULT_CRON = "0 */6 * * *";

  public static ScheduleSettings defaults() {
    return new ScheduleSettings(
        CronSchedule.parse(DEFAULT_CRON), Duration.ZERO, true, ZoneId.systemDefault(), true);
  }
}
