package dev.refit.fleet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.UpdateKind;
import dev.refit.check.CheckStatus;
import dev.refit.check.WantedImage;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.image.ImageReference;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.Housekeeping;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.GateDecision;
import dev.refit.plan.GateVerdict;
import dev.refit.plan.UpdateMode;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalEnvironmentTest {

  @Test
  void anApplyWithoutATagAppliesWhatThePolicyPicks() {
    CycleRequest request = LocalEnvironment.applyRequest(Command.apply("c1", List.of("web"), null));

    assertThat(request.forceApply()).containsExactly("web");
    assertThat(request.wanted()).isEmpty();
    assertThat(request.trigger()).isEqualTo("fleet");
  }

  @Test
  void anApplyWithATagAsksForExactlyThatTagAndNeverAllowsADowngrade() {
    CycleRequest request =
        LocalEnvironment.applyRequest(Command.apply("c1", List.of("web", "db"), "1.2.3"));

    assertThat(request.targetNames()).containsExactlyInAnyOrder("web", "db");
    assertThat(request.forceApply()).containsExactlyInAnyOrder("web", "db");
    assertThat(request.wanted())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("web", new WantedImage.Tag("1.2.3", false), "db", new WantedImage.Tag("1.2.3", false)));
  }

  @Test
  void anInvalidTagIsRefusedNamingTheField() {
    assertThatThrownBy(() -> LocalEnvironment.applyRequest(Command.apply("c1", List.of("web"), "no/slash")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tag: 'no/slash' is not a valid image tag");
  }

  @Test
  void aRefusedDowngradeFailsTheCommandWithTheReason() {
    Target web =
        new Target(TargetKind.CONTAINER, "id-web", "web", "unix:///x", "app:2", "sha256:1", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    String why = "1 is older than the 2 it runs (a downgrade): refused";
    CheckResult check =
        new CheckResult(web, ImageReference.parse("app:2"), null, "exact tag 1", CheckStatus.ERROR, null, why);
    CycleReport cycle =
        new CycleReport(
            "fleet", false, Instant.EPOCH, Duration.ZERO,
            List.of(new TargetReport(check, null, null, null, null, Instant.EPOCH, List.of())),
            List.of(), null, null, Housekeeping.none(), List.of());

    CommandReport report = LocalEnvironment.applied("c1", new LinkedHashSet<>(Set.of("web")), cycle);

    assertThat(report.succeeded()).isFalse();
    assertThat(report.message()).isEqualTo("web: " + why);
  }

  @Test
  void inventoryRowsCarryTheVerdictItsReasonAndTheLastOutcome() {
    Target web =
        new Target(TargetKind.CONTAINER, "id-web", "web", "unix:///x", "app:1.0", "sha256:1", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    Target db =
        new Target(TargetKind.CONTAINER, "id-db", "db", "unix:///x", "app:1.0", "sha256:2", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    Instant retry = Instant.parse("2026-12-01T00:00:00Z");
    CheckResult waits =
        new CheckResult(web, ImageReference.parse("app:1.0"), null, "semver", CheckStatus.UPDATE_AVAILABLE,
            new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("app:1.1"), null), null);
    GateDecision young =
        new GateDecision(UpdateMode.APPLY, GateVerdict.WAIT, "too young until " + retry, retry, null, Instant.EPOCH, false);
    CheckResult upToDate =
        new CheckResult(db, ImageReference.parse("app:1.0"), null, "semver", CheckStatus.UP_TO_DATE, null, null);
    HistoryEntry rolledBack =
        HistoryEntry.of("container", "db", "unix:///x")
            .between(Instant.EPOCH, Instant.EPOCH)
            .images("app:1.0", "app:1.1")
            .outcome(UpdateOutcome.ROLLED_BACK, "unhealthy")
            .build();

    List<InventoryTarget> rows =
        InventoryRows.of(
            List.of(
                new TargetReport(waits, young, null, null, null, Instant.EPOCH, List.of()),
                new TargetReport(upToDate, null, null, null, null, Instant.EPOCH, List.of())),
            "apply",
            Map.of("db", rolledBack));

    assertThat(rows.get(0).status()).isEqualTo("update-available");
    assertThat(rows.get(0).verdict()).isEqualTo("wait");
    assertThat(rows.get(0).reason()).isEqualTo("too young until " + retry);
    assertThat(rows.get(0).retryAt()).isEqualTo(retry);
    assertThat(rows.get(0).waiting()).isTrue();
    assertThat(rows.get(0).failing()).isFalse();
    assertThat(rows.get(1).verdict()).isNull();
    assertThat(rows.get(1).lastOutcome()).isEqualTo("rolled-back");
    assertThat(rows.get(1).failing()).isTrue();
  }
}
