package dev.refit.plan;

import dev.refit.schedule.CronSchedule;
import dev.refit.settings.Durations;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A time in which updates may be applied, as a cron range: either a cron expression whose matching
 * minutes are the window ({@code * 2-4 * * SAT,SUN}: 02:00 to 04:59 at weekends), or a cron
 * expression that opens it and how long it stays open ({@code 0 22 * * FRI for 3h}).
 */
public final class MaintenanceWindow {
  private static final String FOR = " for ";

  private final String text;
  private final CronSchedule cron;
  private final @Nullable Duration length;

  private MaintenanceWindow(String text, CronSchedule cron, @Nullable Duration length) {
    this.text = text;
    this.cron = cron;
    this.length = length;
  }

  /**
   * @throws IllegalArgumentException with what is wrong, for the caller to prefix with the key
   */
  public static MaintenanceWindow parse(String text) {
    String t = text.trim();
    int at = t.lastIndexOf(FOR);
    if (at < 0) {
      return new MaintenanceWindow(t, CronSchedule.parse(t), null);
    }
    String lengthText = t.substring(at + FOR.length()).trim();
    Duration length =
        Durations.parse(lengthText)
            .filter(d -> !d.isZero())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "has a length '" + lengthText + "' that is not a duration; use e.g. 30m, 2h"));
    return new MaintenanceWindow(t, CronSchedule.parse(t.substring(0, at)), length);
  }

  public boolean contains(ZonedDateTime at) {
    if (length == null) {
      return cron.matches(at);
    }
    Optional<ZonedDateTime> opened = cron.last(at);
    return opened.isPresent() && at.isBefore(opened.get().plus(length));
  }

  /** When this window is next open: {@code at} itself when it is open now. */
  public Optional<ZonedDateTime> nextOpen(ZonedDateTime at) {
    if (contains(at)) {
      return Optional.of(at);
    }
    return cron.next(at);
  }

  @Override
  public String toString() {
    return text;
  }
}
