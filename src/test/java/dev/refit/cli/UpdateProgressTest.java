package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.RolloutResult;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status line shows every update under way, each with its current step. */
class UpdateProgressTest {
  private static Target target(String name) {
    return new Target(TargetKind.CONTAINER, "id-" + name, name, "unix:///x", "app:1", "sha256:1", List.of(),
        UpdateRules.fromLabels(Map.of(), false));
  }

  @Test
  void showsSeveralTargetsAtOnceAndDropsEachWhenItEnds() {
    UpdateProgress progress = new UpdateProgress(new ProgressLine(new PrintWriter(new StringWriter()), true));
    progress.step(target("web"), "pulling app:2");
    progress.step(target("db"), "pulling db:2");
    progress.step(target("web"), "waiting until the new web is running for 10s");
    assertThat(progress.text()).isEqualTo("web: waiting until the new web is running for 10s | db: pulling db:2");

    progress.finished(
        new RolloutResult(target("web"), RolloutOutcome.APPLIED, "app:1", "app:2", null, null, null, List.of(),
            Instant.EPOCH, Instant.EPOCH));
    assertThat(progress.text()).isEqualTo("db: pulling db:2");

    for (int i = 0; i < 10; i++) {
      progress.step(target("container-" + i), "waiting until the new container-" + i + " is healthy");
    }
    assertThat(progress.text()).hasSize(UpdateProgress.WIDTH).endsWith("...");
  }
}
