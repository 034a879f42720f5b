package dev.refit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.ImageReference;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static CheckResult result(String id, Map<String, String> labels, CheckStatus status) {
    Target target =
        new Target(TargetKind.CONTAINER, id, "c-" + id, "unix:///x", "app:1", "sha256:1", List.of(),
            UpdateRules.fromLabels(labels, false));
    AvailableUpdate update =
        status == CheckStatus.UPDATE_AVAILABLE
            ? new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("app:2"), null)
            : null;
    return new CheckResult(target, ImageReference.parse("app:1"), null, "semver:minor", status, update, null);
  }

  @Test
  void onlyAvailableUpdatesArePlannedAndRulesHoldThem() {
    List<CheckResult> results =
        List.of(
            result("a", Map.of(), CheckStatus.UPDATE_AVAILABLE),
            result("b", Map.of(), CheckStatus.UP_TO_DATE),
            result("c", Map.of("refit.monitor-only", "true"), CheckStatus.UPDATE_AVAILABLE),
            result("d", Map.of(), CheckStatus.UPDATE_AVAILABLE));
    List<UpdatePlan> plans =
        new Planner(List.of(new MonitorOnly(false), new OwnContainer(Optional.of("d"), false)), false)
            .plan(results);

    assertThat(plans).extracting(p -> p.target().id()).containsExactly("a", "c", "d");
    assertThat(plans).extracting(UpdatePlan::decision).containsExactly(Decision.APPLY, Decision.HOLD, Decision.HOLD);
    assertThat(plans.get(1).reason()).isEqualTo("monitor only (label refit.monitor-only)");
    assertThat(plans.get(2).reason()).contains("--interval");
  }

  @Test
  void monitorOnlyFlagHoldsAllAndDryRunOnlyDescribes() {
    List<CheckResult> results = List.of(result("a", Map.of(), CheckStatus.UPDATE_AVAILABLE));
    assertThat(new Planner(List.of(new MonitorOnly(true)), false).plan(results).get(0).reason())
        .isEqualTo("monitor only (--monitor-only)");
    assertThat(new Planner(List.of(new MonitorOnly(false)), true).plan(results).get(0).decision())
        .isEqualTo(Decision.DRY_RUN);
    assertThat(new Planner(List.of(new OwnContainer(Optional.of("a"), true)), false).plan(results).get(0).decision())
        .isEqualTo(Decision.APPLY);
  }
}
