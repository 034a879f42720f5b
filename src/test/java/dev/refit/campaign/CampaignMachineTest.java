package dev.refit.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.campaign.CampaignEvent.Cancel;
import dev.refit.campaign.CampaignEvent.Offline;
import dev.refit.campaign.CampaignEvent.Online;
import dev.refit.campaign.CampaignEvent.Reported;
import dev.refit.campaign.CampaignEvent.Start;
import dev.refit.campaign.CampaignEvent.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignMachineTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  /** Drives one campaign through events, collecting what it sends. */
  private static final class Run {
    private final CampaignMachine machine = new CampaignMachine();
    private CampaignState state;
    private Instant now = T0;
    private final List<String> sent = new ArrayList<>();

    Run(List<String> environments, Strategy strategy) {
      state = CampaignState.create("c1", environments, strategy);
    }

    Run on(CampaignEvent event) {
      Transition t = machine.apply(state, event, now);
      state = t.state();
      t.dispatches().forEach(d -> sent.add(d.environment()));
      return this;
    }

    Run online(String... environments) {
      for (String e : environments) {
        on(new Online(e));
      }
      return this;
    }

    Run ok(String environment) {
      return on(new Reported(environment, "c1/" + environment, true, null, null));
    }

    Run fail(String environment, String why) {
      return on(new Reported(environment, "c1/" + environment, false, why, "last line"));
    }

    Run after(Duration d) {
      now = now.plus(d);
      return on(new Tick());
    }

    EnvironmentState stateOf(String environment) {
      return state.progress(environment).state();
    }

    List<String> takeSent() {
      List<String> copy = List.copyOf(sent);
      sent.clear();
      return copy;
    }
  }

  private static Strategy strategy(List<String> canaries, Duration soak, int batch, int haltAfter) {
    return new Strategy(canaries, soak, batch, haltAfter, Duration.ofHours(1));
  }

  @Test
  void wavesAreCanariesThenBatchesInCampaignOrder() {
    Strategy s = strategy(List.of("c", "x"), Duration.ZERO, 2, 1);

    assertThat(s.waves(List.of("a", "b", "c", "d", "e")))
        .containsExactly(List.of("c"), List.of("a", "b"), List.of("d", "e"));
    assertThat(Strategy.oneByOne().waves(List.of("a", "b"))).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void canaryThenSoakThenBatchesUntilCompleted() {
    Run run =
        new Run(List.of("a", "b", "c", "d"), strategy(List.of("c"), Duration.ofMinutes(10), 2, 1))
            .online("a", "b", "c", "d")
            .on(new Start());
    assertThat(run.takeSent()).containsExactly("c");

    run.ok("c");
    assertThat(run.state.phase()).isEqualTo(Phase.SOAKING);
    run.after(Duration.ofMinutes(9));
    assertThat(run.takeSent()).isEmpty();
    run.after(Duration.ofMinutes(1));
    assertThat(run.takeSent()).containsExactly("a", "b");

    run.ok("a").ok("b");
    assertThat(run.state.phase()).isEqualTo(Phase.SOAKING);
    run.after(Duration.ofMinutes(10));
    assertThat(run.takeSent()).containsExactly("d");
    run.ok("d");

    assertThat(run.state.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(run.state.counts()).containsEntry(EnvironmentState.SUCCEEDED, 4L);
  }

  @Test
  void theFirstFailureHaltsAndUntouchedEnvironmentsStayUntouched() {
    Run run =
        new Run(List.of("a", "b", "c"), strategy(List.of("a"), Duration.ZERO, 1, 1))
            .online("a", "b", "c")
            .on(new Start());
    run.fail("a", "rolled back: the new agent exited with code 3");

    assertThat(run.state.phase()).isEqualTo(Phase.HALTED);
    assertThat(run.takeSent()).containsExactly("a");
    assertThat(run.state.progress("a").message()).isEqualTo("rolled back: the new agent exited with code 3");
    assertThat(run.state.progress("a").logTail()).isEqualTo("last line");
    assertThat(run.stateOf("b")).isEqualTo(EnvironmentState.NOT_STARTED);
    assertThat(run.stateOf("c")).isEqualTo(EnvironmentState.NOT_STARTED);
  }

  @Test
  void aThresholdAboveOneLetsTheCampaignGoOnUntilItIsReached() {
    Run run =
        new Run(List.of("a", "b", "c", "d"), strategy(List.of(), Duration.ZERO, 2, 2))
            .online("a", "b", "c", "d")
            .on(new Start());
    run.fail("a", "x").ok("b");
    assertThat(run.state.phase()).isEqualTo(Phase.RUNNING);
    assertThat(run.takeSent()).containsExactly("a", "b", "c", "d");

    run.fail("c", "y");

    assertThat(run.state.phase()).isEqualTo(Phase.HALTED);
    // d was already in flight: its report still counts
    run.ok("d");
    assertThat(run.stateOf("d")).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(run.state.phase()).isEqualTo(Phase.HALTED);
  }

  @Test
  void anOfflineEnvironmentWaitsAndGetsItsCommandWhenItConnects() {
    Run run = new Run(List.of("a", "b"), Strategy.oneByOne()).online("b").on(new Start());
    assertThat(run.stateOf("a")).isEqualTo(EnvironmentState.WAITING);
    assertThat(run.takeSent()).isEmpty();

    run.after(Duration.ofMinutes(30)).online("a");

    assertThat(run.takeSent()).containsExactly("a");
    run.ok("a");
    assertThat(run.takeSent()).containsExactly("b");
  }

  @Test
  void anEnvironmentOfflinePastTheDeadlineFails() {
    Run run = new Run(List.of("a", "b"), Strategy.oneByOne()).on(new Start());

    run.after(Duration.ofDays(1));

    assertThat(run.stateOf("a")).isEqualTo(EnvironmentState.FAILED);
    assertThat(run.state.progress("a").message()).contains("offline past the deadline");
    assertThat(run.state.phase()).isEqualTo(Phase.HALTED);
  }

  @Test
  void aDispatchedEnvironmentThatNeverReportsFailsAtTheDeadline() {
    Run run = new Run(List.of("a"), Strategy.oneByOne()).online("a").on(new Start());

    run.after(Duration.ofHours(23)).on(new Offline("a")).after(Duration.ofHours(1));

    assertThat(run.stateOf("a")).isEqualTo(EnvironmentState.FAILED);
    assertThat(run.state.progress("a").message()).contains("no report within the deadline");
  }

  @Test
  void aReconnectingAgentGetsTheSameCommandAndAReplayedReportCountsOnce() {
    Run run =
        new Run(List.of("a", "b"), strategy(List.of(), Duration.ZERO, 1, 2)).online("a", "b").on(new Start());
    assertThat(run.takeSent()).containsExactly("a");

    run.on(new Offline("a")).online("a");
    assertThat(run.takeSent()).containsExactly("a");
    assertThat(run.state.progress("a").commandId()).isEqualTo("c1/a");

    run.fail("a", "first").fail("a", "replayed");
    assertThat(run.state.failures()).isEqualTo(1);
    assertThat(run.state.progress("a").message()).isEqualTo("first");
    run.on(new Reported("b", "c1/b-stale", true, null, null));
    assertThat(run.stateOf("b")).isEqualTo(EnvironmentState.DISPATCHED);
  }

  @Test
  void cancelStopsDispatchingAndLeavesFinishedEnvironmentsAsTheyAre() {
    Run run =
        new Run(List.of("a", "b", "c"), strategy(List.of(), Duration.ZERO, 1, 1)).online("a", "b", "c").on(new Start());
    run.ok("a");
    assertThat(run.takeSent()).containsExactly("a", "b");

    run.on(new Cancel());
    run.ok("b");

    assertThat(run.state.phase()).isEqualTo(Phase.CANCELLED);
    assertThat(run.stateOf("a")).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(run.stateOf("b")).isEqualTo(EnvironmentState.SUCCEEDED);
    assertThat(run.stateOf("c")).isEqualTo(EnvironmentState.NOT_STARTED);
    assertThat(run.takeSent()).isEmpty();
  }

  @Test
  void aStoredStateResumesWhereItWas() {
    Run run =
        new Run(List.of("a", "b"), strategy(List.of(), Duration.ofMinutes(5), 1, 1)).online("a", "b").on(new Start());
    run.ok("a");
    // a restart: the stored state, with nobody online yet
    CampaignState stored =
        new CampaignState(
            run.state.id(), run.state.strategy(), run.state.waves(), run.state.wave(), run.state.phase(),
            run.state.soakUntil(), run.state.environments(), java.util.Set.of());
    Run resumed = new Run(List.of("a", "b"), Strategy.oneByOne());
    resumed.state = stored;
    resumed.now = run.now;

    resumed.after(Duration.ofMinutes(5));
    assertThat(resumed.stateOf("b")).isEqualTo(EnvironmentState.WAITING);
    resumed.online("b");

    assertThat(resumed.takeSent()).containsExactly("b");
  }

  @Test
  void startingTwiceOrAfterTheEndChangesNothing() {
    Run run = new Run(List.of("a"), Strategy.oneByOne()).online("a").on(new Start()).on(new Start());
    assertThat(run.takeSent()).containsExactly("a");
    run.ok("a").on(new Start()).after(Duration.ofDays(2));
    assertThat(run.state.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(run.takeSent()).isEmpty();
  }

  @Test
  void badCampaignsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> CampaignState.create("c", List.of(), Strategy.oneByOne()))
        .hasMessageContaining("at least one environment");
    assertThatThrownBy(() -> CampaignState.create("c", List.of("a", "a"), Strategy.oneByOne()))
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> strategy(List.of(), Duration.ZERO, 0, 1)).hasMessageContaining("batch size");
    assertThatThrownBy(() -> strategy(List.of(), Duration.ZERO, 1, 0)).hasMessageContaining("halt threshold");
  }
}
