package dev.refit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.check.WantedImage;
import dev.refit.image.ImageName;
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
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which targets an exact request reaches (the deploy hook only those that opted in) and which image
 * a rollback goes back to, read from a real history.
 */
class ExactRequestsTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String D3 = "sha256:" + "3".repeat(64);

  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  private static Target container(String name, String image, Map<String, String> labels) {
    return new Target(
        TargetKind.CONTAINER, "id-" + name, name, "unix:///x.sock", image, null, List.of(),
        UpdateRules.fromLabels(labels, false));
  }

  @Test
  void theDeployHookReachesOnlyTargetsThatOptedIn() {
    CycleRequest deploy =
        CycleRequest.deploy(ImageName.parse("registry.example/app"), new WantedImage.Tag("42", false), "webhook:deploy");
    Target in = container("in", "registry.example/app:41", Map.of("refit.deploy-hook", "true"));
    Target out = container("out", "registry.example/app:41", Map.of());
    Target other = container("other", "registry.example/other:41", Map.of("refit.deploy-hook", "true"));

    assertThat(deploy.wanted(in)).contains(new WantedImage.Tag("42", false));
    assertThat(deploy.forced(in)).isTrue();
    // re-checked by policy, as any webhook; the tag is not theirs
    assertThat(deploy.covers(out)).isTrue();
    assertThat(deploy.wanted(out)).isEmpty();
    assertThat(deploy.forced(out)).isFalse();
    assertThat(deploy.covers(other)).isFalse();
    assertThat(deploy.wanted(other)).isEmpty();
    // merged with a schedule's cycle, the opted-in target still gets its tag
    assertThat(CycleRequest.everything("schedule").merge(deploy).wanted(in)).isPresent();
    assertThat(container("bad", "registry.example/app:41", Map.of("refit.deploy-hook", "maybe")).rules().problem())
        .isEqualTo("label refit.deploy-hook='maybe' must be true or false");
  }

  @Test
  void theDeployHookHasASecretOfItsOwnThatNeverFallsBackToTheSharedOne() {
    var shared = new dev.refit.config.ConfigLoader(Map.of("REFIT_WEBHOOK_SECRET", "shared")).load((Path) null, List.of());
    assertThat(shared.webhooks().secretFor("generic")).isEqualTo("shared");
    assertThat(shared.webhooks().deploySecret()).isNull();
    var own =
        new dev.refit.config.ConfigLoader(
                Map.of("REFIT_WEBHOOK_SECRET", "shared", "REFIT_WEBHOOK_DEPLOY_SECRET", "deploy"))
            .load((Path) null, List.of());
    assertThat(own.webhooks().deploySecret()).isEqualTo("deploy");
    assertThat(own.webhooks().toString()).doesNotContain("deploy=deploy").doesNotContain("shared");
  }

  @Test
  void aBadTagIsRefusedBeforeAnyCycle() {
    assertThatThrownBy(() -> new WantedImage.Tag("../1.0", false))
        .hasMessage("'../1.0' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)");
  }

  @Test
  void aRollbackGoesBackToTheImageAnEntryLeftRunning() {
    UpdateHistory history = new UpdateHistory(databases.open(dir));
    long first = record(history, "web", "r/app:1.0.0", D1, "r/app:1.1.0", D2, UpdateOutcome.APPLIED);
    long failed = record(history, "web", "r/app:1.1.0", D2, "r/app:1.2.0", D3, UpdateOutcome.ROLLED_BACK);
    long second = record(history, "web", "r/app:1.1.0", D2, "r/app:1.2.0", D3, UpdateOutcome.APPLIED);
    record(history, "db", "r/db:1", D1, "r/db:2", D2, UpdateOutcome.APPLIED);
    Rollbacks rollbacks = new Rollbacks(history);

    // undo the newest applied update of web (not db's, newer still)
    assertThat(rollbacks.image("web", null, false).image().familiarForm()).isEqualTo("r/app:1.1.0@" + D2);
    assertThat(rollbacks.image("web", null, false).historyId()).isEqualTo(second);
    assertThat(rollbacks.image("web", first, false).image().familiarForm()).isEqualTo("r/app:1.1.0@" + D2);
    assertThat(rollbacks.image("web", failed, false).image().familiarForm()).isEqualTo("r/app:1.1.0@" + D2);
    assertThat(rollbacks.request("web", first, false, "cli:rollback").wanted(container("web", "r/app:1.2.0", Map.of())))
        .isPresent();

    assertThatThrownBy(() -> rollbacks.image("web", 99L, false)).hasMessage("history entry #99 does not exist");
    assertThatThrownBy(() -> rollbacks.image("db", first, false)).hasMessage("history entry #" + first + " is about web, not db");
    assertThatThrownBy(() -> rollbacks.image("cache", null, false))
        .hasMessage("the history has no applied update of cache to roll back (see refit history)");
    record(history, "built", "built:dev", null, "built:dev2", D1, UpdateOutcome.APPLIED);
    assertThatThrownBy(() -> rollbacks.image("built", null, false))
        .hasMessageContaining("does not know the registry digest of built:dev");
  }

  private static long record(
      UpdateHistory history, String name, String from, String fromDigest, String to, String toDigest,
      UpdateOutcome outcome) {
    Instant now = Instant.parse("2026-11-30T07:00:00Z");
    return history
        .record(
            HistoryEntry.of("container", name, "unix:///x.sock")
                .between(now, now)
                .images(from, to)
                .digests(fromDigest, toDigest)
                .outcome(outcome, null)
                .trigger("cli")
                .build())
        .id();
  }
}
