package dev.refit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.CheckProgress;
import dev.refit.config.RefitConfig;
import dev.refit.notify.EventType;
import dev.refit.notify.Notifiers;
import dev.refit.plan.Decision;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.store.Approvals;
import dev.refit.store.UpdateHistory;
import dev.refit.testing.HttpReceiver;
import dev.refit.testing.MovableClock;
import dev.refit.testing.OpenDatabases;
import dev.refit.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline as {@code refit update} and the daemon get it from {@link PipelineFactory}: what a
 * person's request does to the gates, what a dry run leaves alone, what the notifiers hear.
 */
class UpdatePipelineTest {
  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();
  private final FakeCore core = new FakeCore();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-04T12:00:00Z"));
  private final List<EventType> heard = new CopyOnWriteArrayList<>();
  private HttpReceiver receiver;
  private PipelineFactory factory;

  @BeforeEach
  void setUp() {
    receiver = new HttpReceiver();
    RefitConfig config =
        TestConfig.of(
            "notify.hook.type=webhook",
            "notify.hook.url=" + receiver.url("/hook"),
            "update.windows=0 22 * * * for 2h",
            "schedule.timezone=UTC");
    factory = new PipelineFactory(config, Map.of("HOSTNAME", "edge-1"), core, clock);
    core.container("quiet", "registry.example/acme/quiet:1.0.0", Map.of());
    core.container("asks", "registry.example/acme/asks:1.0.0", Map.of("refit.mode", "approval"));
    core.container("young", "registry.example/acme/young:1.0.0", Map.of("refit.enable", "true", "refit.min-age", "2d"));
    core.container("watched", "registry.example/acme/watched:1.0.0", Map.of("refit.monitor-only", "true"));
    for (String name : List.of("quiet", "asks", "young", "watched")) {
      core.newerTag.put(name, "1.0.1");
    }
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  /** Runs one cycle as a front door would, and waits for its notifications to go out. */
  private CycleReport run(CycleRequest request, boolean dryRun) {
    Notifiers notifiers = factory.notifiers(d -> heard.add(d.event()));
    try (notifiers) {
      return factory
          .pipeline(
              databases.open(dir), notifiers, PipelineOptions.builder().dryRun(dryRun).lockWait(Duration.ofSeconds(5), () -> {}).build())
          .run(request, CheckProgress.none(), RolloutListener.none());
    }
  }

  private static String held(CycleReport report, String name) {
    return report.targets().stream()
        .filter(t -> t.check().target().name().equals(name))
        .map(t -> t.plan().reason())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPersonsUpdateAppliesWhatModeApprovalAgeAndWindowHoldButNotMonitorOnly() {
    CycleReport scheduled = run(CycleRequest.everything("schedule"), false);
    assertThat(core.applied).isEmpty();
    assertThat(held(scheduled, "quiet")).isEqualTo("mode notify: reported, not applied");
    assertThat(held(scheduled, "asks")).startsWith("waits for approval ");
    assertThat(held(scheduled, "young")).isEqualTo("seen 0s ago; minimum age is 2d");
    assertThat(heard).hasSize(4).containsOnly(EventType.UPDATE_AVAILABLE);

    CycleReport byHand = run(CycleRequest.applyEverything("cli"), false);

    // independent updates run at once (update.parallelism): in any order
    assertThat(core.applied).containsExactlyInAnyOrder("quiet", "asks", "young");
    assertThat(held(byHand, "watched")).isEqualTo("monitor only (label refit.monitor-only)");
    // announced once per update: the second cycle tells only what it applied
    assertThat(heard.subList(4, heard.size())).hasSize(3).containsOnly(EventType.APPLIED);
    // the approval the scheduled cycle asked for is settled by the person who applied the update
    assertThat(new Approvals(databases.open(dir), clock).open()).isEmpty();
    assertThat(new UpdateHistory(databases.open(dir)).page(0, 10))
        .extracting(e -> e.targetName() + " " + e.trigger())
        .containsExactlyInAnyOrder("quiet cli", "asks cli", "young cli");
  }

  @Test
  void namedTargetsOnlyAndNamesNoTargetHasAreReported() {
    CycleReport report = run(CycleRequest.apply(Set.of("quiet", "nope"), "cli"), false);
    assertThat(report.targets()).extracting(t -> t.check().target().name()).containsExactly("quiet");
    assertThat(report.unknownNames()).containsExactly("nope");
    assertThat(core.applied).containsExactly("quiet");
  }

  @Test
  void aDryRunAppliesNothingAndRecordsNothing() {
    CycleReport dry = run(CycleRequest.applyEverything("cli"), true);
    assertThat(dry.targets())
        .filteredOn(t -> t.plan() != null && t.plan().decision() == Decision.DRY_RUN)
        .extracting(t -> t.check().target().name())
        .containsExactly("quiet", "asks", "young");
    assertThat(core.applied).isEmpty();
    assertThat(heard).isEmpty();
    assertThat(receiver.drain()).isEmpty();

    // nothing was seen either: the first real cycle announces every update
    run(CycleRequest.everything("schedule"), false);
    assertThat(heard).hasSize(4).containsOnly(EventType.UPDATE_AVAILABLE);
  }

  @Test
  void anImageThatWasRolledBackIsNotTriedAgainByTheScheduleButAPersonMayRetryIt() {
    core.container("crashy", "registry.example/acme/crashy:1.0.0", Map.of("refit.enable", "true"));
    core.newerTag.put("crashy", "1.0.1");
    core.outcomes.put("crashy", RolloutOutcome.ROLLED_BACK);
    clock.advance(Duration.ofHours(10).plusMinutes(30)); // into the maintenance window

    run(CycleRequest.everything("schedule"), false);
    assertThat(core.applied).containsExactly("crashy");

    // every later cycle would otherwise take crashy down for a health timeout, and roll back again
    CycleReport next = run(CycleRequest.everything("schedule"), false);
    assertThat(core.applied).containsExactly("crashy");
    assertThat(held(next, "crashy"))
        .contains("registry.example/acme/crashy:1.0.1")
        .contains("did not stick before (history #1, rolled back)")
        .contains("refit update crashy");

    run(CycleRequest.apply(Set.of("crashy"), "cli"), false);
    assertThat(core.applied).containsExactly("crashy", "crashy");
  }
}
