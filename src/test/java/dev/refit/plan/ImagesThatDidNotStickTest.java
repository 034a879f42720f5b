package dev.refit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import dev.refit.testing.OpenDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesThatDidNotStickTest {
  private static final String OLD = "sha256:" + "a".repeat(64);
  private static final String BROKEN = "sha256:" + "b".repeat(64);
  private static final String NEWER = "sha256:" + "c".repeat(64);

  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();
  private UpdateHistory history;
  private ImagesThatDidNotStick rule;

  @BeforeEach
  void setUp() {
    history = new UpdateHistory(databases.open(dir));
    rule = new ImagesThatDidNotStick(history);
  }

  private static CheckResult update(TargetKind kind, String name, String tag, @Nullable String digest) {
    Target target = new Target(kind, "id-" + name, name, "unix:///x", "app:1.0.1", "sha256:1", List.of(),
        UpdateRules.fromLabels(Map.of(), false));
    return new CheckResult(target, ImageReference.parse("app:1.0.1"), null, "semver:minor",
        CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(UpdateKind.TAG, ImageReference.parse(tag), digest == null ? null : Digest.parse(digest)),
        null);
  }

  private void record(String kind, String name, String from, String to, @Nullable String toDigest,
      UpdateOutcome outcome, String trigger) {
    Instant t = Instant.parse("2026-11-30T04:00:00Z");
    history.record(
        HistoryEntry.of(kind, name, "unix:///elsewhere")
            .between(t, t)
            .images(from, to)
            .digests(from.equals("app:1.0.1") ? OLD : null, toDigest)
            .outcome(outcome, outcome == UpdateOutcome.APPLIED ? null : "the new web exited with code 3")
            .trigger(trigger)
            .build());
  }

  @Test
  void anImageRolledBackByTheGateIsHeldUntilANewerDigestAppears() {
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.ROLLED_BACK, "schedule");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", BROKEN)))
        .hasValueSatisfying(r -> assertThat(r).contains("app:1.0.2").contains("did not stick").contains("rolled back")
            .contains("refit update web"));
    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", NEWER))).as("the tag fixed").isEmpty();
    assertThat(rule.reason(update(TargetKind.CONTAINER, "other", "app:1.0.2", BROKEN))).as("another target").isEmpty();
    assertThat(rule.reason(update(TargetKind.SERVICE, "web", "app:1.0.2", BROKEN))).as("another kind").isEmpty();
  }

  @Test
  void aRecoveryRecordsThePinnedReferenceOnly() {
    record("service", "edge_refit", "app:1.0.1", "127.0.0.1:5000/refit:1.0.2@" + BROKEN, null,
        UpdateOutcome.RECOVERED, "schedule");

    assertThat(rule.reason(update(TargetKind.SERVICE, "edge_refit", "127.0.0.1:5000/refit:1.0.2", BROKEN)))
        .hasValueSatisfying(r -> assertThat(r).contains("recovered"));
  }

  @Test
  void aTagUpdateWithoutItsDigestIsMatchedByReference() {
    record("container", "web", "app:1.0.1", "app:1.0.2", null, UpdateOutcome.BROKEN, "schedule");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", null))).isPresent();
    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.3", null))).isEmpty();
  }

  @Test
  void aFailedAttemptChangedNothingAndIsTriedAgain() {
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.FAILED, "schedule");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", BROKEN))).isEmpty();
  }

  @Test
  void anImageThatStuckLaterIsNotHeld() {
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.ROLLED_BACK, "schedule");
    // a person forced it, and it stuck; then (say) a restore went back to 1.0.1 without Refit
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.APPLIED, "cli");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", BROKEN))).isEmpty();
  }

  @Test
  void theImageAPersonRolledBackFromIsHeld() {
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.APPLIED, "schedule");
    record("container", "web", "app:1.0.2@" + BROKEN, "app:1.0.1@" + OLD, OLD, UpdateOutcome.APPLIED, "cli:rollback");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", BROKEN)))
        .hasValueSatisfying(r -> assertThat(r).contains("rolled back by hand").contains("cli:rollback"));
    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.3", NEWER))).as("a newer one").isEmpty();
  }

  @Test
  void aPersonsUpdateAfterTheirRollbackLiftsTheHold() {
    record("container", "web", "app:1.0.2@" + BROKEN, "app:1.0.1@" + OLD, OLD, UpdateOutcome.APPLIED, "api:rollback");
    record("container", "web", "app:1.0.1", "app:1.0.2", BROKEN, UpdateOutcome.APPLIED, "cli");

    assertThat(rule.reason(update(TargetKind.CONTAINER, "web", "app:1.0.2", BROKEN))).isEmpty();
  }
}
