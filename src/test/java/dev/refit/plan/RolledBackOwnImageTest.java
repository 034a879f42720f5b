package dev.refit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolledBackOwnImageTest {
  private static final String BROKEN = "sha256:" + "b".repeat(64);
  private static final String NEWER = "sha256:" + "c".repeat(64);

  @TempDir Path dir;

  private static CheckResult update(TargetKind kind, String id, String name, String digest) {
    Target target = new Target(kind, id, name, "unix:///x", "refit:1.0.1", "sha256:1", List.of(),
        UpdateRules.fromLabels(Map.of("refit.enable", "true"), false));
    return new CheckResult(target, ImageReference.parse("refit:1.0.1"), null, "semver:minor",
        CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("refit:1.0.2"), Digest.parse(digest)), null);
  }

  private static HistoryEntry entry(String name, String toImage, String toDigest, UpdateOutcome outcome) {
    Instant t = Instant.parse("2026-11-30T04:00:00Z");
    return new HistoryEntry(0, t, t, "service", name, "unix:///x", "refit:1.0.1", toImage, null, toDigest,
        outcome, "Swarm rolled service edge_refit back", "schedule", null);
  }

  @Test
  void holdsOnlyRefitsOwnTargetOnADigestThatDidNotStick() {
    UpdateHistory history = new UpdateHistory(Database.open(dir));
    // the Swarm recovery records the pinned image, no digest of its own
    history.record(entry("edge_refit", "127.0.0.1:5000/refit:1.0.2@" + BROKEN, null, UpdateOutcome.RECOVERED));
    history.record(entry("web", "web:2@" + BROKEN, BROKEN, UpdateOutcome.ROLLED_BACK));
    RolledBackOwnImage rule = new RolledBackOwnImage(Set.of("task-container", "svc-1"), history);

    assertThat(rule.hold(update(TargetKind.SERVICE, "svc-1", "edge_refit", BROKEN)))
        .hasValueSatisfying(reason -> assertThat(reason).contains(BROKEN).contains("recovered"));
    assertThat(rule.hold(update(TargetKind.SERVICE, "svc-1", "edge_refit", NEWER))).isEmpty();
    assertThat(rule.hold(update(TargetKind.CONTAINER, "other", "web", BROKEN))).as("not Refit").isEmpty();
  }

  @Test
  void aTagUpdateWithoutItsDigestIsMatchedByReference() {
    UpdateHistory history = new UpdateHistory(Database.open(dir));
    history.record(entry("refit", "127.0.0.1:5000/refit:1.0.2", null, UpdateOutcome.ROLLED_BACK));
    RolledBackOwnImage rule = new RolledBackOwnImage(Set.of("self"), history);
    Target target = new Target(TargetKind.CONTAINER, "self", "refit", "unix:///x", "127.0.0.1:5000/refit:1.0.1",
        "sha256:1", List.of(), UpdateRules.fromLabels(Map.of(), false));
    CheckResult tag = new CheckResult(target, ImageReference.parse("127.0.0.1:5000/refit:1.0.1"), null,
        "semver:minor", CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("127.0.0.1:5000/refit:1.0.2"), null), null);
    CheckResult newer = new CheckResult(target, ImageReference.parse("127.0.0.1:5000/refit:1.0.1"), null,
        "semver:minor", CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("127.0.0.1:5000/refit:1.0.3"), null), null);

    assertThat(rule.hold(tag)).hasValueSatisfying(r -> assertThat(r).contains("refit:1.0.2").contains("rolled back"));
    assertThat(rule.hold(newer)).isEmpty();
  }

  @Test
  void aFailedAttemptChangedNothingAndIsTriedAgain() {
    UpdateHistory history = new UpdateHistory(Database.open(dir));
    history.record(entry("refit", "refit:1.0.2", BROKEN, UpdateOutcome.FAILED));
    history.record(entry("refit", "refit:1.0.2", NEWER, UpdateOutcome.ROLLED_BACK));
    RolledBackOwnImage rule = new RolledBackOwnImage(Set.of("self"), history);

    assertThat(rule.hold(update(TargetKind.CONTAINER, "self", "refit", BROKEN))).isEmpty();
    assertThat(rule.hold(update(TargetKind.CONTAINER, "self", "refit", NEWER))).isPresent();
    assertThat(new RolledBackOwnImage(Set.of(), history).hold(update(TargetKind.CONTAINER, "self", "refit", NEWER)))
        .as("not in a container").isEmpty();
  }
}
