package dev.refit.rollout.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a container update journals with each step.
 *
 * @param member the container the step is about
 * @param newIds the new containers created so far, by name
 * @param reason why it is rolling back, for the rollback step
 * @param snapshotted whether the volume snapshots are complete: from then on a rollback restores
 *     them, before that it discards them (the old version's data was never touched)
 */
record RecreationState(String member, Map<String, String> newIds, String reason, boolean snapshotted) {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  RecreationState {
    newIds = newIds == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(newIds));
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a state of strings always serialises", e);
    }
  }

  static RecreationState fromJson(String json) {
    if (json == null || json.isBlank()) {
      return new RecreationState(null, Map.of(), null, false);
    }
    try {
      return JSON.readValue(json, RecreationState.class);
    } catch (JsonProcessingException e) {
      return new RecreationState(null, Map.of(), null, false);
    }
  }
}
