package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmSettingsConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsLeaveUnlabelledServicesAlone() {
    assertThat(new ConfigLoader(Map.of()).load(null).swarm()).isEqualTo(SwarmSettings.defaults());
    assertThat(SwarmSettings.defaults())
        .isEqualTo(new SwarmSettings(false, false, Duration.ofMinutes(15)));
  }

  @Test
  void readsTheFileThenTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yml"), "swarm:\n  allServices: true\n  safe: yes\n  updateTimeout: 5m\n");
    assertThat(new ConfigLoader(Map.of()).load(file).swarm())
        .isEqualTo(new SwarmSettings(true, true, Duration.ofMinutes(5)));
    assertThat(
            new ConfigLoader(
                    Map.of("REFIT_SWARM_ALL_SERVICES", "false", "REFIT_SWARM_SAFE", "off",
                        "REFIT_SWARM_UPDATE_TIMEOUT", "90s"))
                .load(file)
                .swarm())
        .isEqualTo(new SwarmSettings(false, false, Duration.ofSeconds(90)));
  }

  @Test
  void badValuesNameWhereTheyCameFrom() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yml"), "swarm:\n  saf: true\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .hasMessage("config " + file + ": swarm.saf is not a known key; allowed here: allServices, safe, updateTimeout");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SWARM_UPDATE_TIMEOUT", "soon")).load(null))
        .hasMessage("REFIT_SWARM_UPDATE_TIMEOUT='soon' is not a duration; use e.g. 500ms, 30s, 5m, 2h, 2d");
  }
}
