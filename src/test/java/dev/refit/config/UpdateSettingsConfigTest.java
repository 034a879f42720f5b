package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateSettingsConfigTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    UpdateSettings update = new ConfigLoader(Map.of()).load(null).update();
    assertThat(update.stability()).isEqualTo(Duration.ofSeconds(10));
    assertThat(update.healthTimeout()).isNull();
    assertThat(update.hookTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(update.cleanup()).isFalse();
    assertThat(update.parallelism()).isEqualTo(4);
  }

  @Test
  void fileThenEnvironment() throws IOException {
    Path f = dir.resolve("refit.yaml");
    Files.writeString(
        f,
        """
        update:
          stability: 3s
          healthTimeout: 2m
          hookTimeout: 20s
          cleanup: true
          parallelism: 8
        """);
    UpdateSettings update =
        new ConfigLoader(Map.of("REFIT_UPDATE_STABILITY", "500ms")).load(f).update();
    assertThat(update.stability()).isEqualTo(Duration.ofMillis(500));
    assertThat(update.healthTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(update.hookTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(update.cleanup()).isTrue();
    assertThat(update.parallelism()).isEqualTo(8);
    assertThat(new ConfigLoader(Map.of("REFIT_UPDATE_PARALLELISM", "1")).load(f).update().parallelism())
        .isEqualTo(1);
  }

  @Test
  void badValuesNameWhereTheyCameFrom() throws IOException {
    Path f = dir.resolve("refit.yaml");
    Files.writeString(f, "update:\n  stabilty: 3s\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f))
        .hasMessageContaining("update.stabilty is not a known key");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_UPDATE_HEALTH_TIMEOUT", "soon")).load(null))
        .hasMessage("REFIT_UPDATE_HEALTH_TIMEOUT='soon' is not a duration; use e.g. 500ms, 30s, 5m, 2h, 2d");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_UPDATE_PARALLELISM", "0")).load(null))
        .hasMessageContaining("REFIT_UPDATE_PARALLELISM");
  }
}
