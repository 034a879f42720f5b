package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.testing.MovableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-update helper as the Refit that handed over to it sees it while it waits. */
class SelfUpdateHelpersTest {
  private final FakeContainerEngine engine = new FakeContainerEngine(new MovableClock(Instant.parse("2026-11-30T13:00:00Z")));
  private final SelfUpdateHelpers helpers = new SelfUpdateHelpers(engine);

  @Test
  void aRunningHelperHasNotEnded() {
    engine.add("agent-e1-refit-helper", "refit:1.0.2", true);

    assertThat(helpers.ended("agent-e1")).isEmpty();
  }

  @Test
  void aHelperThatExitedSaysHowWithItsLastLines() {
    Box helper = engine.add("agent-e1-refit-helper", "refit:1.0.2", true);
    helper.exit(1);
    helper.logs = List.of("exec /opt/refit/bin/refit: exec format error");

    SelfUpdateHelpers.Ended ended = helpers.ended("agent-e1").orElseThrow();

    assertThat(ended.what()).isEqualTo("the self-update helper agent-e1-refit-helper exited with 1");
    assertThat(ended.logTail()).containsExactly("exec /opt/refit/bin/refit: exec format error");
  }

  @Test
  void aHelperThatIsGoneHasEnded() {
    // removed by a cycle of the Refit that waits: only a finished helper is removed
    assertThat(helpers.ended("agent-e1").orElseThrow().what())
        .isEqualTo("the self-update helper agent-e1-refit-helper ended and is gone");
  }
}
