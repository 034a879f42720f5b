package dev.refit.rollout.container;

import dev.refit.docker.EngineApiException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.store.UpdateOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container parked as {@code <name>-refit-old} that no journal knows. */
class OrphanRepairTest {
  private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
  private final ClaimOwner me = new ClaimOwner("host-a/pid:[1]", 100, NOW.minusSeconds(60));
  private final ClaimOwner other = new ClaimOwner("host-b/pid:[1]", 200, NOW.minusSeconds(60));

  @TempDir Path dir;
  @AutoClose private RecreationTestbed bed;
  private FakeContainerEngine engine;
  private final TargetClaimsTest.FakeEngine claimEngine = new TargetClaimsTest.FakeEngine();

  @BeforeEach
  void setUp() {
    bed = new RecreationTestbed(dir);
    engine = bed.engine;
  }

  private TargetClaims claims(ClaimOwner owner) {
    return new TargetClaims(claimEngine, owner, o -> false, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
  }

  private List<RecoveryResult> repair() {
    return new OrphanRepair(engine, claims(me), bed.journal, "unix:///fake").run();
  }

  @Test
  void aFreeNameIsGivenBackAndTheContainerStarted() {
    Box parked = engine.add("web-refit-old", "app:1", false);

    List<RecoveryResult> results = repair();

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.targetName()).isEqualTo("web");
      assertThat(r.outcome()).isEqualTo(UpdateOutcome.RECOVERED);
      assertThat(r.message())
          .isEqualTo("found web-refit-old with no journal entry and no container named web:"
              + " gave it its name back and started it");
    });
    Box now = engine.box("web").orElseThrow();
    assertThat(now.id).isEqualTo(parked.id);
    assertThat(now.running).isTrue();
    assertThat(claimEngine.byName).as("the claim is released").isEmpty();
  }

  @Test
  void aRunningParkedContainerOnlyGetsItsName() {
    engine.add("web-refit-old", "app:1", true);

    assertThat(repair()).singleElement()
        .satisfies(r -> assertThat(r.message()).endsWith(": gave it its name back"));
    assertThat(engine.calls).noneMatch(c -> c.startsWith("start "));
  }

  @Test
  void bothExistingIsReportedBrokenAndBothAreLeft() {
    Box parked = engine.add("web-refit-old", "app:1", false);
    Box holder = engine.add("web", "app:2", true);

    assertThat(repair()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UpdateOutcome.BROKEN);
      assertThat(r.message()).contains("and web exists too (" + holder.id.substring(0, 12) + ")");
    });
    assertThat(engine.box("web-refit-old").orElseThrow().id).isEqualTo(parked.id);
    assertThat(engine.box("web").orElseThrow().id).isEqualTo(holder.id);
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void oneClaimedByALiveRefitIsLeftAlone() {
    engine.add("web-refit-old", "app:1", false);
    assertThat(claims(other).claim("web", "img")).isInstanceOf(TargetClaims.Claimed.class);

    assertThat(repair()).isEmpty();
    assertThat(engine.box("web")).isEmpty();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void oneAJournalKnowsIsLeftToItsRecovery() {
    Box web = engine.add("web", "app:1", true);
    engine.after("rename " + web.id + " web-refit-old", () -> {
      throw new FakeContainerEngine.Killed("rename");
    });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bed.run(web))
        .isInstanceOf(FakeContainerEngine.Killed.class);
    engine.calls.clear();

    assertThat(repair()).isEmpty();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void aRenameTheEngineRefusesIsBroken() {
    Box parked = engine.add("web-refit-old", "app:1", false);
    engine.failAt("rename " + parked.id + " web", new EngineApiException(500, "engine hiccup"));

    assertThat(repair()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UpdateOutcome.BROKEN);
      assertThat(r.message())
          .isEqualTo("found web-refit-old with no journal entry; cannot give it its name back: engine hiccup");
    });
    assertThat(claimEngine.byName).isEmpty();
  }
}
