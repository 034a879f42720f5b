package dev.refit.campaign.run;

import dev.refit.campaign.CampaignState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign as stored: the machine's state plus what the machine does not need to know (what is
 * sent, who asked, when).
 *
 * @param targets APPLY: each environment's targets from the repository, fixed at creation (the
 *     command an agent gets after a restart must be the one it got before); empty lists otherwise
 */
public record CampaignRecord(
    CampaignState state,
    CampaignScope scope,
    Map<String, List<String>> targets,
    Instant createdAt,
    String createdBy) {
  public CampaignRecord {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    targets.forEach((env, names) -> copy.put(env, List.copyOf(names)));
    targets = java.util.Collections.unmodifiableMap(copy);
  }

  public String id() {
    return state.id();
  }

  public List<String> targetsOf(String environment) {
    return targets.getOrDefault(environment, List.of());
  }

  CampaignRecord with(CampaignState newState) {
    return new CampaignRecord(newState, scope, targets, createdAt, createdBy);
  }
}
