package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
  @TempDir Path dir;

  @Test
  void oneHolderAtATime() {
    AtomicInteger waits = new AtomicInteger();
    try (StateLock first = StateLock.acquire(dir, Duration.ZERO, Clock.systemUTC(), waits::incrementAndGet)) {
      assertThatThrownBy(
              () -> StateLock.acquire(dir, Duration.ofMillis(300), Clock.systemUTC(), waits::incrementAndGet))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("another Refit")
          .hasMessageContaining("refit.lock");
    }
    assertThat(waits).hasValue(1);
    try (StateLock again = StateLock.acquire(dir, Duration.ZERO, Clock.systemUTC(), () -> {})) {
      assertThat(again).isNotNull();
    }
  }
}
