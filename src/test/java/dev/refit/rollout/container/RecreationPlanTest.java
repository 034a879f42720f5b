package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.compose.FileEdit;
import dev.refit.rollout.container.RecreationPlan.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecreationPlanTest {
  @Test
  void roundTripsThroughTheJournal() {
    RecreationPlan plan =
        new RecreationPlan(
            "unix:///var/run/docker.sock", "app:1", "app:2", null, "sha256:" + "a".repeat(64),
            List.of(new Member("web", "id1", "sha256:i1", true), new Member("side", "id2", "sha256:i2", false)),
            List.of("proxy"),
            List.of(),
            new BackupPlan(
                DataHelper.refitImage("web-refit-data", "sha256:r"),
                Map.of("webdata", "webdata-refit-snap-20261130-050000"), Map.of(), 3, "2026-11-30T05:00:00Z"));
    assertThat(RecreationPlan.fromJson(plan.toJson())).isEqualTo(plan);
    assertThat(RecreationPlan.fromJson(plan.toJson().replace(",\"backup\":" + "{", ",\"x\":{")).backup())
        .as("a plan an earlier Refit journaled has no backup")
        .isNull();
    assertThat(plan.primary().parkedName()).isEqualTo("web-refit-old");

    RecreationState state = new RecreationState("web", Map.of("web", "new1"), null, true);
    assertThat(RecreationState.fromJson(state.toJson())).isEqualTo(state);
    assertThat(RecreationState.fromJson(null).newIds()).isEmpty();
  }

  @Test
  void composeFileEditsRoundTripAndAPlanJournaledBeforeThemReadsAsHavingNone() {
    FileEdit edit =
        new FileEdit("/srv/app/.env", "b".repeat(64), "c".repeat(64), List.of(new FileEdit.Replacement(4, "1.0", "1.1")));
    RecreationPlan plan =
        new RecreationPlan(
            "unix:///var/run/docker.sock", "app:1.0", "app:1.1", null, null,
            List.of(new Member("web", "id1", "sha256:i1", true)), List.of(), List.of(edit), null);
    assertThat(RecreationPlan.fromJson(plan.toJson())).isEqualTo(plan);

    String older = plan.toJson().replaceFirst(",\"files\":\\[.*\\](?=,\"backup\")", "");
    assertThat(older).doesNotContain("files");
    assertThat(RecreationPlan.fromJson(older).files()).isEmpty();
  }
}
