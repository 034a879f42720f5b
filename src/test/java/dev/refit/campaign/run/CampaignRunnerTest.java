package dev.refit.campaign.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.campaign.EnvironmentProgress;
import dev.refit.campaign.EnvironmentState;
import dev.refit.campaign.Phase;
import dev.refit.campaign.Strategy;
import dev.refit.fleet.protocol.Action;
import dev.refit.fleet.protocol.Command;
import dev.refit.testing.MovableClock;
import dev.refit.testing.OpenDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner around the machine, on a real SQLite store and a fake fleet, in one thread. */
class CampaignRunnerTest {
  private static final String IMAGE = "127.0.0.1:5000/refit:1.1.0";

  @TempDir Path stateDir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final AtomicInteger ids = new AtomicInteger();
  private FakeFleet fleet;
  private CampaignRunner runner;

  @BeforeEach
  void fleetOfFour() {
    fleet =
        new FakeFleet()
            .add("a", true, Set.of("edge"), "nginx:1.25")
            .add("b", true, Set.of("edge"), "nginx:1.25", "redis:7")
            .add("c", true, Set.of("core"), "redis:7")
            .add("d", true, Set.of("edge"));
    runner = newRunner();
  }

  /** A runner on the same database, as after a server restart. */
  private CampaignRunner newRunner() {
    CampaignRunner r =
        new CampaignRunner(
            new CampaignStore(databases.open(stateDir)), fleet, fleet, clock, Runnable::run,
            () -> "c" + ids.incrementAndGet());
    r.resume();
    fleet.addListener(r);
    return r;
  }

  private static Strategy strategy(List<String> canaries, Duration soak, int batch, int haltAfter) {
    return new Strategy(canaries, soak, batch, haltAfter, Duration.ofHours(1));
  }

  private CampaignRecord upgradeAll(Strategy strategy) {
    return runner.create(
        new CampaignRequest(EnvironmentSelection.everything(), CampaignScope.upgradeAgents(IMAGE), strategy), "test");
  }

  private EnvironmentState stateOf(String id, String env) {
    return runner.find(id).orElseThrow().state().progress(env).state();
  }

  private Phase phase(String id) {
    return runner.find(id).orElseThrow().state().phase();
  }

  @Test
  void canariesFirstThenSoakThenBatches() {
    CampaignRecord c = upgradeAll(strategy(List.of("c"), Duration.ofMinutes(10), 2, 1));

    assertThat(fleet.sentTo()).containsExactly("c");
    Command first = fleet.sent.get(0).command();
    assertThat(first.id()).isEqualTo(c.id() + "/c");
    assertThat(first.action()).isEqualTo(Action.UPGRADE_AGENT);
    assertThat(first.image()).isEqualTo(IMAGE);

    fleet.report("c", c.id() + "/c", true, "upgraded");
    assertThat(phase(c.id())).isEqualTo(Phase.SOAKING);
    clock.advance(Duration.ofMinutes(9));
    runner.tick();
    assertThat(fleet.sentTo()).containsExactly("c");

    clock.advance(Duration.ofMinutes(1));
    runner.tick();
    assertThat(fleet.sentTo()).containsExactly("c", "a", "b");
    fleet.report("a", c.id() + "/a", true, "ok");
    fleet.report("b", c.id() + "/b", true, "ok");
    clock.advance(Duration.ofMinutes(10));
    runner.tick();
    fleet.report("d", c.id() + "/d", true, "ok");

    assertThat(fleet.sentTo()).containsExactly("c", "a", "b", "d");
    assertThat(phase(c.id())).isEqualTo(Phase.COMPLETED);
    assertThat(runner.find(c.id()).orElseThrow().state().counts()).containsEntry(EnvironmentState.SUCCEEDED, 4L);
  }

  @Test
  void aRestartedServerResumesAndResendsWhatWasInFlightUnderTheSameId() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 2, 1));
    assertThat(fleet.sentTo()).containsExactly("a", "b");
    fleet.report("a", c.id() + "/a", true, "ok");

    // the server dies; a new one starts on the same database and hears the agents again
    fleet = new FakeFleet()
        .add("a", true, Set.of(), "x:1").add("b", true, Set.of(), "x:1")
        .add("c", true, Set.of(), "x:1").add("d", true, Set.of(), "x:1");
    runner = newRunner();

    assertThat(fleet.sent).singleElement().satisfies(s -> {
      assertThat(s.environment()).isEqualTo("b");
      assertThat(s.command().id()).isEqualTo(c.id() + "/b");
    });
    fleet.report("b", c.id() + "/b", true, "ok");
    assertThat(fleet.sentTo()).containsExactly("b", "c", "d");
    assertThat(stateOf(c.id(), "a")).isEqualTo(EnvironmentState.SUCCEEDED);
  }

  @Test
  void anOfflineEnvironmentWaitsAndIsSentItsCommandWhenItConnects() {
    fleet.setOnline("b", false);
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 4, 1));

    assertThat(fleet.sentTo()).containsExactly("a", "c", "d");
    assertThat(stateOf(c.id(), "b")).isEqualTo(EnvironmentState.WAITING);
    clock.advance(Duration.ofMinutes(30));
    fleet.online("b");

    assertThat(fleet.sentTo()).containsExactly("a", "c", "d", "b");
    assertThat(stateOf(c.id(), "b")).isEqualTo(EnvironmentState.DISPATCHED);
  }

  @Test
  void anEnvironmentOfflinePastTheDeadlineFailsAndHaltsTheCampaign() {
    fleet.setOnline("a", false);
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 1, 1));
    assertThat(fleet.sent).isEmpty();

    clock.advance(Duration.ofHours(1));
    runner.tick();

    EnvironmentProgress a = runner.find(c.id()).orElseThrow().state().progress("a");
    assertThat(a.state()).isEqualTo(EnvironmentState.FAILED);
    assertThat(a.message()).contains("offline past the deadline");
    assertThat(phase(c.id())).isEqualTo(Phase.HALTED);
    fleet.online("a");
    assertThat(fleet.sent).isEmpty();
  }

  @Test
  void theFirstFailureHaltsAndLeavesTheRestUntouched() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 2, 1));
    fleet.report("a", c.id() + "/a", false, "new agent did not start; rolled back");

    CampaignRecord halted = runner.find(c.id()).orElseThrow();
    assertThat(halted.state().phase()).isEqualTo(Phase.HALTED);
    assertThat(halted.state().progress("a").message()).isEqualTo("new agent did not start; rolled back");
    assertThat(halted.state().progress("a").logTail()).isEqualTo("tail of a");
    assertThat(halted.state().progress("c").state()).isEqualTo(EnvironmentState.NOT_STARTED);
    assertThat(halted.state().progress("d").state()).isEqualTo(EnvironmentState.NOT_STARTED);
    // what was in flight still reports
    fleet.report("b", c.id() + "/b", true, "ok");
    assertThat(stateOf(c.id(), "b")).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(fleet.sentTo()).containsExactly("a", "b");
  }

  @Test
  void aHaltThresholdOfTwoToleratesOneFailure() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 1, 2));
    fleet.report("a", c.id() + "/a", false, "broken");
    assertThat(phase(c.id())).isEqualTo(Phase.RUNNING);
    fleet.report("b", c.id() + "/b", false, "broken too");
    assertThat(phase(c.id())).isEqualTo(Phase.HALTED);
    assertThat(fleet.sentTo()).containsExactly("a", "b");
  }

  @Test
  void cancelStopsDispatchingAndKeepsWhatFinished() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 2, 1));
    fleet.report("a", c.id() + "/a", true, "ok");

    runner.cancel(c.id());
    fleet.report("b", c.id() + "/b", true, "ok");

    CampaignRecord cancelled = runner.find(c.id()).orElseThrow();
    assertThat(cancelled.state().phase()).isEqualTo(Phase.CANCELLED);
    assertThat(cancelled.state().progress("a").state()).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(cancelled.state().progress("b").state()).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(cancelled.state().progress("c").state()).isEqualTo(EnvironmentState.NOT_STARTED);
    assertThat(fleet.sentTo()).containsExactly("a", "b");
    assertThatThrownBy(() -> runner.cancel(c.id()))
        .isInstanceOfSatisfying(CampaignError.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessage("campaign " + c.id() + " is already cancelled");
    assertThatThrownBy(() -> runner.cancel("nope"))
        .isInstanceOfSatisfying(CampaignError.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aReplayedReportCountsOnceAndAStrayOneNotAtAll() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 1, 2));
    fleet.report("a", c.id() + "/a", false, "broken");
    // a reconnecting agent sends its stored report again; one from another environment's id, too
    fleet.report("a", c.id() + "/a", false, "broken");
    fleet.report("b", c.id() + "/a", false, "confused");
    fleet.report("b", "other/b", false, "not ours");

    assertThat(phase(c.id())).isEqualTo(Phase.RUNNING);
    assertThat(runner.find(c.id()).orElseThrow().state().failures()).isEqualTo(1);
    // a reconnect of an environment whose command is in flight sends the same command again
    fleet.online("b");
    assertThat(fleet.sent).extracting(s -> s.command().id()).containsExactly(c.id() + "/a", c.id() + "/b", c.id() + "/b");
  }

  @Test
  void anEnvironmentGoneBeforeItsTurnFails() {
    CampaignRecord c = upgradeAll(strategy(List.of(), Duration.ZERO, 1, 2));
    fleet.remove("b");
    fleet.report("a", c.id() + "/a", true, "ok");

    EnvironmentProgress b = runner.find(c.id()).orElseThrow().state().progress("b");
    assertThat(b.state()).isEqualTo(EnvironmentState.FAILED);
    assertThat(b.message()).isEqualTo("no environment named 'b'");
    assertThat(stateOf(c.id(), "c")).isEqualTo(EnvironmentState.DISPATCHED);
  }

  @Test
  void anApplyCampaignSendsEachEnvironmentItsTargetsFromTheRepository() {
    CampaignRecord c =
        runner.create(
            new CampaignRequest(
                EnvironmentSelection.withLabels(Set.of("edge")), CampaignScope.apply("nginx", "1.27"),
                strategy(List.of(), Duration.ZERO, 5, 1)),
            "test");

    assertThat(c.state().environments().keySet()).containsExactly("a", "b");
    assertThat(fleet.sent).extracting(s -> s.command().targets()).containsExactly(List.of("a-0"), List.of("b-0"));
    assertThat(fleet.sent).allSatisfy(s -> {
      assertThat(s.command().action()).isEqualTo(Action.APPLY);
      assertThat(s.command().tag()).isEqualTo("1.27");
    });
  }

  @Test
  void badSelectionsAreRefusedWithOneLine() {
    Strategy s = strategy(List.of(), Duration.ZERO, 1, 1);
    assertThatThrownBy(() -> runner.create(
            new CampaignRequest(EnvironmentSelection.named(List.of("a", "zz")), CampaignScope.upgradeAgents(IMAGE), s), "t"))
        .hasMessage("no environment named 'zz'");
    assertThatThrownBy(() -> runner.create(
            new CampaignRequest(EnvironmentSelection.named(List.of("c")), CampaignScope.apply("nginx", null), s), "t"))
        .hasMessage("environment 'c' has no target from nginx in its last inventory");
    assertThatThrownBy(() -> runner.create(
            new CampaignRequest(EnvironmentSelection.withLabels(Set.of("gpu")), CampaignScope.upgradeAgents(IMAGE), s), "t"))
        .hasMessage("no environment has the labels [gpu]");
    assertThatThrownBy(() -> runner.create(
            new CampaignRequest(EnvironmentSelection.everything(), CampaignScope.upgradeAgents(IMAGE),
                strategy(List.of("zz"), Duration.ZERO, 1, 1)), "t"))
        .hasMessage("canary 'zz' is not one of the campaign's environments");
    assertThat(runner.all()).isEmpty();
    assertThat(fleet.sent).isEmpty();
  }

  @Test
  void aCampaignIsStoredWhole() {
    CampaignRecord c = upgradeAll(new Strategy(List.of("d"), Duration.ofMinutes(5), 2, 3, Duration.ofMinutes(45)));
    CampaignRecord stored = new CampaignStore(databases.open(stateDir)).find(c.id()).orElseThrow();

    assertThat(stored.state().strategy()).isEqualTo(c.state().strategy());
    assertThat(stored.state().waves()).isEqualTo(List.of(List.of("d"), List.of("a", "b"), List.of("c")));
    assertThat(stored.scope()).isEqualTo(c.scope());
    assertThat(stored.createdBy()).isEqualTo("test");
    assertThat(stored.state().progress("d").commandId()).isEqualTo(c.id() + "/d");
    assertThat(stored.state().progress("d").turnStartedAt()).isEqualTo(clock.instant());
  }
}
