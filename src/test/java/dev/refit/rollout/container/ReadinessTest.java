package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.config.UpdateSettings;
import dev.refit.rollout.ReadinessVerdict;
import dev.refit.rollout.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(250);

  /** A clock that only moves when the sleeper sleeps. */
  private static final class FakeTime extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    Sleeper sleeper() {
      return d -> now = now.plus(d);
    }
  }

  private static ContainerInfo state(boolean running, int restarts, String started, String health, int exit) {
    try {
      String healthJson =
          health == null
              ? ""
              : ", \"Health\": {\"Status\": \"" + health + "\", \"Log\": [{\"Output\": \"probe said no\\n\"}]}";
      return new ContainerInfo(
          JSON.readTree(
              """
              {"Id": "x", "RestartCount": %d, "State": {"Running": %s, "Restarting": false,
               "Status": "%s", "ExitCode": %d, "StartedAt": "%s"%s},
               "Config": {"Healthcheck": {"Test": ["CMD", "check"], "Interval": 1000000000, "Retries": 2}}}
              """
                  .formatted(restarts, running, running ? "running" : "exited", exit, started, healthJson)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Answers the given states in turn, repeating the last. */
  private static Supplier<ContainerInfo> script(ContainerInfo... states) {
    Deque<ContainerInfo> queue = new ArrayDeque<>(List.of(states));
    return () -> queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Test
  void stabilityWindowPassesWhenTheContainerKeepsRunning() throws InterruptedException {
    FakeTime time = new FakeTime();
    ContainerInfo up = state(true, 0, "t1", null, 0);
    ReadinessVerdict verdict =
        new StabilityWindow(script(up), Duration.ofSeconds(2), time, time.sleeper(), POLL).await();
    assertThat(verdict.ready()).isTrue();
    assertThat(time.now).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
  }

  @Test
  void stabilityWindowFailsOnExitAndOnRestart() throws InterruptedException {
    FakeTime time = new FakeTime();
    ReadinessVerdict exited =
        new StabilityWindow(
                script(state(true, 0, "t1", null, 0), state(false, 0, "t1", null, 3)),
                Duration.ofSeconds(10), time, time.sleeper(), POLL)
            .await();
    assertThat(exited).isEqualTo(ReadinessVerdict.failed("exited with code 3"));

    ReadinessVerdict restarted =
        new StabilityWindow(
                script(state(true, 0, "t1", null, 0), state(true, 1, "t2", null, 1)),
                Duration.ofSeconds(10), time, time.sleeper(), POLL)
            .await();
    assertThat(restarted).isEqualTo(ReadinessVerdict.failed("restarted (exited with code 1)"));
  }

  @Test
  void aRestartSeenOnlyAfterwardsNamesTheExitCodeFromTheEnginesEvents() throws InterruptedException {
    FakeTime time = new FakeTime();
    // the engine resets State.ExitCode when the restart policy starts the container again
    ReadinessVerdict fromEvents =
        new StabilityWindow(
                script(state(true, 0, "t1", null, 0), state(true, 1, "t2", null, 0)),
                () -> java.util.OptionalInt.of(3), Duration.ofSeconds(10), time, time.sleeper(), POLL)
            .await();
    assertThat(fromEvents).isEqualTo(ReadinessVerdict.failed("restarted (exited with code 3)"));

    ReadinessVerdict unknown =
        new StabilityWindow(
                script(state(true, 0, "t1", null, 0), state(true, 1, "t2", null, 0)),
                java.util.OptionalInt::empty, Duration.ofSeconds(10), time, time.sleeper(), POLL)
            .await();
    assertThat(unknown).as("never a made-up code 0").isEqualTo(ReadinessVerdict.failed("restarted"));
  }

  @Test
  void healthcheckGate() throws InterruptedException {
    FakeTime time = new FakeTime();
    assertThat(
            new HealthcheckGate(
                    script(state(true, 0, "t", "starting", 0), state(true, 0, "t", "healthy", 0)),
                    Duration.ofSeconds(30), time, time.sleeper(), POLL)
                .await()
                .ready())
        .isTrue();
    assertThat(
            new HealthcheckGate(
                    script(state(true, 0, "t", "starting", 0), state(true, 0, "t", "unhealthy", 0)),
                    Duration.ofSeconds(30), time, time.sleeper(), POLL)
                .await())
        .isEqualTo(ReadinessVerdict.failed("unhealthy (last probe: probe said no)"));
    assertThat(
            new HealthcheckGate(
                    script(state(true, 0, "t", "starting", 0)), Duration.ofSeconds(3), time, time.sleeper(), POLL)
                .await())
        .isEqualTo(ReadinessVerdict.failed("not healthy within 3s (health: starting)"));
  }

  @Test
  void choosesByHealthcheckAndLabels() {
    FakeTime time = new FakeTime();
    ReadinessChoice choice = new ReadinessChoice(UpdateSettings.defaults(), time, time.sleeper(), POLL);
    ContainerInfo withCheck = state(true, 0, "t", "starting", 0);
    assertThat(choice.choose(Map.of(), withCheck, () -> withCheck).describe())
        .as("start 0 + (1s + 30s default timeout) x (2 + 1)")
        .isEqualTo("healthy (up to 93s)");
    assertThat(choice.choose(Map.of("refit.health-timeout", "5s"), withCheck, () -> withCheck).describe())
        .isEqualTo("healthy (up to 5s)");
    ContainerInfo without = state(true, 0, "t", null, 0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) without.config()).remove("Healthcheck");
    assertThat(choice.choose(Map.of(), without, () -> without).describe()).isEqualTo("running for 10s");
    assertThat(choice.choose(Map.of("refit.stability", "2s"), without, () -> without).describe())
        .isEqualTo("running for 2s");
  }
}
