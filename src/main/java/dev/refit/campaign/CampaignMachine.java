package dev.refit.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a campaign, as a pure function: {@code (state, event, now) -> (state, commands)}.
 *
 * <ul>
 *   <li>Waves run one after another; a wave starts by sending its command to every environment in
 *       it that is online, and the others wait for their agent.
 *   <li>A wave is over when each of its environments succeeded or failed. If the failures have not
 *       reached the halt threshold, the next wave starts after the soak.
 *   <li>Reaching the threshold halts at once: nothing more is sent, environments not yet sent to
 *       are never touched, and those in flight still have their reports recorded.
 *   <li>An environment that has not reported within the deadline of its wave's start failed.
 *   <li>Reports are matched on the command id: a replayed or stray report changes nothing.
 *   <li>An agent that reconnects while its command is in flight gets the same command again; it
 *       applies a command id at most once.
 * </ul>
 */
public final class CampaignMachine {

  public Transition apply(CampaignState state, CampaignEvent event, Instant now) {
    Step step = new Step(state, now);
    // Java 17 has no pattern switch; the interface is sealed, so this chain names every kind
    if (event instanceof CampaignEvent.Start) {
      step.start();
    } else if (event instanceof CampaignEvent.Tick) {
      step.tick();
    } else if (event instanceof CampaignEvent.Online online) {
      step.online(online.environment());
    } else if (event instanceof CampaignEvent.Offline offline) {
      step.offline(offline.environment());
    } else if (event instanceof CampaignEvent.Reported report) {
      step.reported(report);
    } else if (event instanceof CampaignEvent.Cancel) {
      step.stop(Phase.CANCELLED);
    }
    return step.result();
  }

  /** One event's worth of change, on copies of the state's parts. */
  private static final class Step {
    private final CampaignState before;
    private final Instant now;
    private final Map<String, EnvironmentProgress> envs;
    private final Set<String> online;
    private final List<Dispatch> dispatches = new ArrayList<>();
    private int wave;
    private Phase phase;
    private @Nullable Instant soakUntil;

    Step(CampaignState state, Instant now) {
      this.before = state;
      this.now = now;
      this.envs = new LinkedHashMap<>(state.environments());
      this.online = new HashSet<>(state.online());
      this.wave = state.wave();
      this.phase = state.phase();
      this.soakUntil = state.soakUntil();
    }

    void start() {
      if (wave < 0 && !phase.isFinal()) {
        startWave(0);
      }
    }

    void tick() {
      if (phase.isFinal()) {
        return;
      }
      expireDeadlines();
      advance();
    }

    void online(String environment) {
      online.add(environment);
      EnvironmentProgress p = envs.get(environment);
      if (p == null || phase.isFinal() && p.state() != EnvironmentState.DISPATCHED) {
        return;
      }
      switch (p.state()) {
        case WAITING -> send(p);
        // the command may never have arrived: send it again, under the same id
        case DISPATCHED -> dispatches.add(new Dispatch(environment, java.util.Objects.requireNonNull(p.commandId())));
        case PENDING, SUCCEEDED, FAILED, NOT_STARTED -> {}
      }
    }

    void offline(String environment) {
      online.remove(environment);
    }

    void reported(CampaignEvent.Reported report) {
      EnvironmentProgress p = envs.get(report.environment());
      if (p == null
          || p.state() != EnvironmentState.DISPATCHED
          || !report.commandId().equals(p.commandId())) {
        return;
      }
      envs.put(
          p.environment(),
          p.finished(
              report.succeeded() ? EnvironmentState.SUCCEEDED : EnvironmentState.FAILED,
              report.message(),
              report.logTail()));
      if (!phase.isFinal()) {
        advance();
      }
    }

    /** Halt or cancel: what has not been sent never will be. */
    void stop(Phase finalPhase) {
      if (phase.isFinal()) {
        return;
      }
      phase = finalPhase;
      soakUntil = null;
      envs.replaceAll(
          (name, p) ->
              p.state() == EnvironmentState.PENDING || p.state() == EnvironmentState.WAITING
                  ? p.finished(EnvironmentState.NOT_STARTED, reasonNotStarted(finalPhase), null)
                  : p);
    }

    private static String reasonNotStarted(Phase finalPhase) {
      return finalPhase == Phase.CANCELLED ? "campaign cancelled" : "campaign halted";
    }

    private void expireDeadlines() {
      for (EnvironmentProgress p : List.copyOf(envs.values())) {
        Instant started = p.turnStartedAt();
        boolean open = p.state() == EnvironmentState.WAITING || p.state() == EnvironmentState.DISPATCHED;
        if (open && started != null && !now.isBefore(started.plus(before.strategy().deadline()))) {
          String why =
              p.state() == EnvironmentState.WAITING
                  ? "its agent stayed offline past the deadline (" + before.strategy().deadline() + ")"
                  : "no report within the deadline (" + before.strategy().deadline() + ")";
          envs.put(p.environment(), p.finished(EnvironmentState.FAILED, why, null));
        }
      }
    }

    /** After a report or a tick: halt, finish the wave, soak, or start the next wave. */
    private void advance() {
      long failures = envs.values().stream().filter(p -> p.state() == EnvironmentState.FAILED).count();
      if (failures >= before.strategy().haltAfter()) {
        stop(Phase.HALTED);
        return;
      }
      if (phase == Phase.SOAKING) {
        if (soakUntil != null && !now.isBefore(soakUntil)) {
          startWave(wave + 1);
        }
        return;
      }
      if (wave < 0 || !waveDone(wave)) {
        return;
      }
      if (wave + 1 >= before.waves().size()) {
        phase = Phase.COMPLETED;
        return;
      }
      if (before.strategy().soak().isZero()) {
        startWave(wave + 1);
      } else {
        phase = Phase.SOAKING;
        soakUntil = now.plus(before.strategy().soak());
      }
    }

    private boolean waveDone(int index) {
      return before.waves().get(index).stream().allMatch(e -> env(e).state().isFinal());
    }

    private void startWave(int index) {
      wave = index;
      phase = Phase.RUNNING;
      soakUntil = null;
      for (String environment : before.waves().get(index)) {
        EnvironmentProgress p = env(environment);
        String id = before.id() + "/" + environment;
        EnvironmentProgress turn = p.turn(id, now, EnvironmentState.WAITING);
        envs.put(environment, turn);
        if (online.contains(environment)) {
          send(turn);
        }
      }
    }

    /** An environment of the campaign's own waves: always present. */
    private EnvironmentProgress env(String environment) {
      return java.util.Objects.requireNonNull(envs.get(environment), environment);
    }

    private void send(EnvironmentProgress p) {
      String id = java.util.Objects.requireNonNull(p.commandId());
      envs.put(p.environment(), p.with(EnvironmentState.DISPATCHED));
      dispatches.add(new Dispatch(p.environment(), id));
    }

    Transition result() {
      return new Transition(
          new CampaignState(before.id(), before.strategy(), before.waves(), wave, phase, soakUntil, envs, online),
          dispatches);
    }
  }
}
