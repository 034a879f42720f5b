package dev.refit.campaign;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a campaign is, as stored: a restarted server rebuilds it from here and goes on.
 *
 * @param id the campaign's id, the stem of its command ids
 * @param strategy how it moves
 * @param waves the environments, wave by wave, fixed at creation
 * @param wave the index of the current (or last) wave; -1 before the start
 * @param phase where it stands
 * @param soakUntil when the current soak ends, or {@code null} when not soaking
 * @param environments each environment's progress, in campaign order
 * @param online the environments whose agents are connected now (not stored: after a restart the
 *     server reports them again as agents reconnect)
 */
public record CampaignState(
    String id,
    Strategy strategy,
    List<List<String>> waves,
    int wave,
    Phase phase,
    @Nullable Instant soakUntil,
    Map<String, EnvironmentProgress> environments,
    Set<String> online) {

  public CampaignState {
    waves = waves.stream().map(List::copyOf).toList();
    environments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    online = Set.copyOf(online);
  }

  /** A new campaign over {@code environments} (in that order), not started yet. */
  public static CampaignState create(String id, List<String> environments, Strategy strategy) {
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("a campaign needs at least one environment");
    }
    if (Set.copyOf(environments).size() != environments.size()) {
      throw new IllegalArgumentException("an environment is named twice in " + environments);
    }
    Map<String, EnvironmentProgress> progress = new LinkedHashMap<>();
    environments.forEach(e -> progress.put(e, EnvironmentProgress.pending(e)));
    return new CampaignState(
        id, strategy, strategy.waves(environments), -1, Phase.RUNNING, null, progress, Set.of());
  }

  public EnvironmentProgress progress(String environment) {
    EnvironmentProgress p = environments.get(environment);
    if (p == null) {
      throw new IllegalArgumentException("environment " + environment + " is not in campaign " + id);
    }
    return p;
  }

  /** How many environments failed so far. */
  public long failures() {
    return environments.values().stream().filter(p -> p.state() == EnvironmentState.FAILED).count();
  }

  /** How many environments are in each state, for a progress line. */
  public Map<EnvironmentState, Long> counts() {
    Map<EnvironmentState, Long> counts = new java.util.EnumMap<>(EnvironmentState.class);
    environments.values().forEach(p -> counts.merge(p.state(), 1L, Long::sum));
    return counts;
  }
}
