package dev.refit.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression as users write it: five fields ({@code 0 4 * * *}, as crontab), six with
 * seconds first ({@code 0 0 4 * * *}, as Watchtower), or a nickname ({@code @daily}).
 */
public final class CronSchedule {
  private static final Map<String, String> NICKNAMES =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String text;
  private final boolean seconds;
  private final ExecutionTime times;

  private CronSchedule(String text, boolean seconds, Cron cron) {
    this.text = text;
    this.seconds = seconds;
    this.times = ExecutionTime.forCron(cron);
  }

  /**
   * @throws IllegalArgumentException with what is wrong, for the caller to prefix with the key
   */
  public static CronSchedule parse(String text) {
    String trimmed = text.trim();
    String expression = NICKNAMES.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    int fields = expression.split("\\s+").length;
    if (fields != 5 && fields != 6) {
      throw new IllegalArgumentException(
          "has " + fields + " fields; a cron expression has 5 (minute hour day month weekday),"
              + " 6 with seconds first, or is one of @hourly, @daily, @weekly, @monthly, @yearly");
    }
    try {
      Cron cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(expression).validate();
      return new CronSchedule(trimmed, fields == 6, cron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a valid cron expression (" + e.getMessage() + ")");
    }
  }

  /** The first time strictly after {@code after} that the expression names. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    return times.nextExecution(after);
  }

  /** The last time at or before {@code at} that the expression names. */
  public Optional<ZonedDateTime> last(ZonedDateTime at) {
    ZonedDateTime probe = at.plusSeconds(1);
    return times.lastExecution(probe);
  }

  /** Whether {@code at} lies in a time the expression names, to its resolution (minute or second). */
  public boolean matches(ZonedDateTime at) {
    return times.isMatch(at.truncatedTo(seconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES));
  }

  @Override
  public String toString() {
    return text;
  }
}
