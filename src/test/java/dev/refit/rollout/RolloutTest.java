package dev.refit.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTest {
  private static RolloutResult result(RolloutOutcome outcome, String message, List<String> logs) {
    Target t =
        new Target(TargetKind.CONTAINER, "id", "web", "unix:///x", "app:1", "sha256:1", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    return new RolloutResult(t, outcome, "app:1", "app:2", null, null, message, logs, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void historyKeepsTheLastLogLinesOnOneLine() {
    List<String> logs = List.of("1", "2", "3", "4", "5", "6", "7");
    assertThat(Rollout.historyMessage(result(RolloutOutcome.ROLLED_BACK, "the new web exited with code 3", logs)))
        .isEqualTo("the new web exited with code 3; last log lines: 3 | 4 | 5 | 6 | 7");
    assertThat(Rollout.historyMessage(result(RolloutOutcome.APPLIED, null, List.of()))).isNull();
  }

  @Test
  void outcomesMapToTheHistory() {
    assertThat(RolloutOutcome.ROLLED_BACK.history()).contains(UpdateOutcome.ROLLED_BACK);
    assertThat(RolloutOutcome.HANDED_OVER.history()).isEmpty();
    assertThat(RolloutOutcome.HANDED_OVER.failed()).isFalse();
    assertThat(RolloutOutcome.FAILED.failed()).isTrue();
  }
}
