package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration written the way people write it, and errors that say where a value came from. */
class ConfigFaultsTest {
  @TempDir Path dir;

  @Test
  void unquotedOffInScheduleCronTurnsTheScheduleOff() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yaml"), "schedule:\n  cron: off\n");
    assertThat(new ConfigLoader(Map.of()).load(file).schedule().cron()).isNull();
    Path quoted = Files.writeString(dir.resolve("quoted.yaml"), "schedule:\n  cron: \"off\"\n");
    assertThat(new ConfigLoader(Map.of()).load(quoted).schedule().cron()).isNull();
  }

  @Test
  void anErrorNamesTheFileTheVariableOrTheFlagThatSetTheValue() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yaml"), "schedule:\n  cron: every day\n  jitter: 1m\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .hasMessageStartingWith("config " + file + ": schedule.cron");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SCHEDULE", "every day")).load(null))
        .hasMessageStartingWith("REFIT_SCHEDULE");
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("REFIT_SCHEDULE", "@daily"))
                    .load(null, List.of(ConfigOverride.parseSet("schedule.cron=every day"))))
        .hasMessageStartingWith("--set schedule.cron");
    // the file sets the value, a variable sets a neighbour: the file is named
    Path good = Files.writeString(dir.resolve("good.yaml"), "schedule:\n  cron: every day\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SCHEDULE_JITTER", "1m")).load(good))
        .hasMessageStartingWith("config " + good + ": schedule.cron");
  }
}
