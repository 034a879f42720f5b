package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.FleetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSettingsConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsListTheServersOwnEngineAndJudgeAgentsGoneAfter45s() {
    assertThat(new ConfigLoader(Map.of()).load(null).fleet()).isEqualTo(FleetSettings.defaults());
    assertThat(FleetSettings.defaults())
        .isEqualTo(new FleetSettings(true, Duration.ofSeconds(15), Duration.ofSeconds(45)));
  }

  @Test
  void readsTheFileThenTheEnvironmentThenTheFlag() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yml"), "fleet:\n  local: false\n  heartbeat: 5s\n  offlineAfter: 20s\n");
    assertThat(new ConfigLoader(Map.of()).load(file).fleet())
        .isEqualTo(new FleetSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(20)));
    Map<String, String> env =
        Map.of("REFIT_FLEET_LOCAL", "true", "REFIT_FLEET_HEARTBEAT", "10s", "REFIT_FLEET_OFFLINE_AFTER", "1m");
    assertThat(new ConfigLoader(env).load(file).fleet())
        .isEqualTo(new FleetSettings(true, Duration.ofSeconds(10), Duration.ofMinutes(1)));
    // refit serve --no-local
    assertThat(
            new ConfigLoader(env)
                .load(file, List.of(new ConfigOverride("fleet.local", "false", "--no-local")))
                .fleet()
                .local())
        .isFalse();
  }

  @Test
  void badValuesNameWhereTheyCameFrom() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yml"), "fleet:\n  heartbeat: 30s\n  offlineAfter: 30s\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config " + file + ": fleet.offlineAfter must be longer than fleet.heartbeat");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_FLEET_HEARTBEAT", "soon")).load(null))
        .hasMessage("REFIT_FLEET_HEARTBEAT='soon' is not a duration; use e.g. 500ms, 30s, 5m, 2h, 2d");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_FLEET_LOCAL", "maybe")).load(null))
        .hasMessageStartingWith("REFIT_FLEET_LOCAL='maybe'");
  }
}
