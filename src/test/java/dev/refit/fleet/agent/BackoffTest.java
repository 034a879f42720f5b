package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofSeconds(1);
  private static final Duration CAP = Duration.ofSeconds(60);
  private static final Duration STABLE = Duration.ofMinutes(1);

  /** Always draws the top of the range, so the ceiling itself is visible. */
  private static final RandomGenerator HIGHEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  private static final RandomGenerator LOWEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
          return 0;
        }
      };

  @Test
  void ceilingsDoubleUpToTheCap() {
    Backoff backoff = new Backoff(BASE, CAP, STABLE, HIGHEST);
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      seconds.add(backoff.nextDelay().toSeconds());
    }
    assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void fullJitterReachesZero() {
    Backoff backoff = new Backoff(BASE, CAP, STABLE, LOWEST);
    for (int i = 0; i < 5; i++) {
      assertThat(backoff.nextDelay()).isEqualTo(Duration.ZERO);
    }
    assertThat(backoff.attempts()).isEqualTo(5);
  }

  @Test
  void randomDelaysStayWithinTheirCeilingAndSpread() {
    Backoff backoff = new Backoff(BASE, CAP, STABLE, new SplittableRandom(7));
    List<Duration> late = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Duration ceiling = backoff.currentCeiling();
      Duration delay = backoff.nextDelay();
      assertThat(delay).isBetween(Duration.ZERO, ceiling);
      assertThat(delay).isLessThanOrEqualTo(CAP);
      if (i > 10) {
        late.add(delay);
      }
    }
    // full jitter: capped draws spread over the whole range, not bunched at the cap
    assertThat(late.stream().filter(d -> d.compareTo(CAP.dividedBy(2)) < 0).count())
        .isBetween(400L, 600L);
  }

  @Test
  void manyAttemptsNeverOverflow() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(1), Duration.ofDays(365 * 100), STABLE, HIGHEST);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      last = backoff.nextDelay();
      assertThat(last.isNegative()).isFalse();
    }
    assertThat(last).isEqualTo(Duration.ofDays(365 * 100));
  }

  @Test
  void aLongLivedConnectionResetsTheGrowth() {
    Backoff backoff = new Backoff(BASE, CAP, STABLE, HIGHEST);
    for (int i = 0; i < 6; i++) {
      backoff.nextDelay();
    }
    backoff.connectionClosed(STABLE);
    assertThat(backoff.nextDelay()).isEqualTo(BASE);
  }

  @Test
  void aConnectionDroppedAtOnceKeepsGrowing() {
    Backoff backoff = new Backoff(BASE, CAP, STABLE, HIGHEST);
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.connectionClosed(Duration.ofSeconds(2));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void standardSettings() {
    Backoff backoff = Backoff.standard(HIGHEST);
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      backoff.nextDelay();
    }
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, CAP, STABLE, LOWEST))
        .hasMessage("backoff base must be at least 1 ms");
    assertThatThrownBy(() -> new Backoff(CAP, BASE, STABLE, LOWEST))
        .hasMessage("backoff cap must be at least the base");
    assertThatThrownBy(() -> new Backoff(BASE, CAP, Duration.ofSeconds(-1), LOWEST))
        .hasMessage("backoff stableAfter must not be negative");
  }
}
