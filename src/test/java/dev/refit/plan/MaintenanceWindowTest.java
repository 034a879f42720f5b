package dev.refit.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.schedule.CronSchedule;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
  private static ZonedDateTime at(String text) {
    return ZonedDateTime.parse(text);
  }

  @Test
  void aCronRangeIsOpenInTheMinutesItMatches() {
    MaintenanceWindow nights = MaintenanceWindow.parse("* 2-4 * * SAT,SUN");
    assertThat(nights.contains(at("2026-03-07T02:00:00Z"))).isTrue(); // Saturday
    assertThat(nights.contains(at("2026-03-07T04:59:30Z"))).isTrue();
    assertThat(nights.contains(at("2026-03-07T05:00:00Z"))).isFalse();
    assertThat(nights.contains(at("2026-03-09T03:00:00Z"))).isFalse(); // Monday
    assertThat(nights.nextOpen(at("2026-03-09T03:00:00Z"))).contains(at("2026-03-14T02:00Z"));
  }

  @Test
  void aStartAndALength() {
    MaintenanceWindow friday = MaintenanceWindow.parse("0 22 * * FRI for 3h");
    assertThat(friday.contains(at("2026-03-06T22:00:00Z"))).isTrue();
    assertThat(friday.contains(at("2026-03-07T00:59:00Z"))).isTrue(); // past midnight, still open
    assertThat(friday.contains(at("2026-03-07T01:00:00Z"))).isFalse();
    assertThat(friday.contains(at("2026-03-06T21:59:00Z"))).isFalse();
    assertThat(friday.nextOpen(at("2026-03-07T01:00:00Z"))).contains(at("2026-03-13T22:00Z"));
    assertThat(friday.nextOpen(at("2026-03-06T23:00:00Z"))).contains(at("2026-03-06T23:00:00Z"));
  }

  @Test
  void badWindowsSayWhatIsWrong() {
    assertThatThrownBy(() -> MaintenanceWindow.parse("0 22 * * FRI for ever"))
        .hasMessageContaining("length 'ever' that is not a duration");
    assertThatThrownBy(() -> MaintenanceWindow.parse("0 25 * * *")).hasMessageContaining("not a valid cron");
  }

  @Test
  void cronSchedulesInEveryWrittenForm() {
    ZonedDateTime now = at("2026-03-04T12:34:56Z");
    assertThat(CronSchedule.parse("0 4 * * *").next(now)).contains(at("2026-03-05T04:00Z"));
    assertThat(CronSchedule.parse("30 0 4 * * *").next(now)).contains(at("2026-03-05T04:00:30Z"));
    assertThat(CronSchedule.parse("@hourly").next(now)).contains(at("2026-03-04T13:00Z"));
    assertThat(CronSchedule.parse("@daily")).hasToString("@daily");
    assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageStartingWith("has 3 fields");
  }
}
