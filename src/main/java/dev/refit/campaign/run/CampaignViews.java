package dev.refit.campaign.run;

import dev.refit.campaign.CampaignState;
import dev.refit.campaign.EnvironmentProgress;
import dev.refit.campaign.EnvironmentState;
import dev.refit.campaign.Strategy;
import dev.refit.settings.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Campaigns as the API answers them (and so as {@code refit campaign --json} prints them and the
 * UI reads them): a summary for lists, the summary plus every environment for one campaign. Enum
 * values are lower-case words with {@code -}, like the rest of the API.
 */
public final class CampaignViews {
  private CampaignViews() {}

  public static Map<String, Object> summary(CampaignRecord r) {
    CampaignState s = r.state();
    Strategy st = s.strategy();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("createdAt", r.createdAt().toString());
    m.put("createdBy", r.createdBy());
    m.put("action", word(r.scope().action().name()));
    m.put("image", r.scope().image());
    m.put("tag", r.scope().tag());
    m.put("phase", word(s.phase().name()));
    // 1-based for people; 0 before the first wave started
    m.put("wave", s.wave() + 1);
    m.put("waves", s.waves().size());
    m.put("soakUntil", s.soakUntil() == null ? null : s.soakUntil().toString());
    Map<String, Object> strategy = new LinkedHashMap<>();
    strategy.put("canaries", st.canaries());
    strategy.put("soak", Durations.format(st.soak()));
    strategy.put("batchSize", st.batchSize());
    strategy.put("haltAfter", st.haltAfter());
    strategy.put("deadline", Durations.format(st.deadline()));
    m.put("strategy", strategy);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (EnvironmentState state : EnvironmentState.values()) {
      counts.put(word(state.name()), s.counts().getOrDefault(state, 0L));
    }
    m.put("counts", counts);
    return m;
  }

  public static Map<String, Object> detail(CampaignRecord r) {
    Map<String, Object> m = summary(r);
    List<Map<String, Object>> envs =
        r.state().environments().values().stream().map(p -> environment(r, p)).toList();
    m.put("environments", envs);
    return m;
  }

  private static Map<String, Object> environment(CampaignRecord r, EnvironmentProgress p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.environment());
    m.put("wave", waveOf(r.state(), p.environment()) + 1);
    m.put("state", word(p.state().name()));
    m.put("commandId", p.commandId());
    m.put("startedAt", p.turnStartedAt() == null ? null : p.turnStartedAt().toString());
    m.put("message", p.message());
    m.put("logTail", p.logTail());
    m.put("targets", r.targetsOf(p.environment()));
    return m;
  }

  private static int waveOf(CampaignState s, String environment) {
    for (int i = 0; i < s.waves().size(); i++) {
      if (s.waves().get(i).contains(environment)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code NOT_STARTED} → {@code not-started}. */
  static String word(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
