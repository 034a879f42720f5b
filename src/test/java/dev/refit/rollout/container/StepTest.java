package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.JournalKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names journals hold already: a later Refit must read what an earlier one wrote. */
class StepTest {
  @Test
  void storedNamesAreThoseOfEveryJournalSoFar() {
    assertThat(Arrays.stream(Step.values()).map(Step::stored))
        .containsExactly(
            "rename-old", "create-new", "stop-old", "snapshot", "restore-snapshot", "start-new", "health", "edit-files", "commit", "post-update",
            "restart-dependants", "rollback");
    assertThat(JournalKind.CONTAINER_RECREATE.stored()).isEqualTo("container-recreate");
    assertThat(JournalKind.SERVICE_UPDATE.stored()).isEqualTo("service-update");
  }

  @Test
  void fromTheCommitOnAnUpdateIsFinishedNeverUndone() {
    assertThat(Arrays.stream(Step.values()).filter(Step::committed))
        .containsExactly(Step.COMMIT, Step.POST_UPDATE, Step.RESTART_DEPENDANTS);
    assertThat(Step.of("health")).contains(Step.HEALTH);
    assertThat(Step.of("from-a-newer-refit")).isEmpty();
    assertThat(JournalKind.of("service-update")).contains(JournalKind.SERVICE_UPDATE);
    assertThat(JournalKind.of("other")).isEmpty();
  }
}
