package dev.refit.rollout.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.rollout.JournalKind;
import dev.refit.store.Journal;
import dev.refit.store.UpdateOutcome;

/**
 * The journal of service updates: an entry begins before the new spec is sent, and a step is
 * written before Refit asks Swarm for a rollback, so that a Refit killed meanwhile finds out on its
 * next run how Swarm's rollout ended and records it (see {@link SwarmServiceApplier#recover}).
 */
public final class ServiceJournal {
  /** The journal kind; its first word is the target kind, as the history expects. */
  public static final String KIND = JournalKind.SERVICE_UPDATE.stored();
  static final String SEND_SPEC = "send-spec";
  static final String WATCH = "watch";
  static final String ROLLBACK = "rollback";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Journal journal;
  private final String location;

  private ServiceJournal(Journal journal, String location) {
    this.journal = journal;
    this.location = location;
  }

  /**
   * @param location the manager's address
   */
  public static ServiceJournal of(Journal journal, String location) {
    return new ServiceJournal(journal, location);
  }

  /** Journals nothing: for callers without a state database (tests, one-off tools). */
  public static ServiceJournal none() {
    return new ServiceJournal(null, "");
  }

  /**
   * What a service update was going to do.
   *
   * @param serviceId the service's id
   * @param service its name
   * @param fromImage the image before
   * @param toImage the pinned image sent
   */
  public record Plan(String serviceId, String service, String fromImage, String toImage) {
    String toJson() {
      return JSON.createObjectNode()
          .put("serviceId", serviceId)
          .put("service", service)
          .put("fromImage", fromImage)
          .put("toImage", toImage)
          .toString();
    }

    /**
     * @throws IllegalArgumentException when the text is not such a plan
     */
    public static Plan fromJson(String json) {
      try {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.hasNonNull("serviceId") || !node.hasNonNull("toImage")) {
          throw new IllegalArgumentException("not a service update plan: " + json);
        }
        return new Plan(
            node.get("serviceId").asText(),
            node.path("service").asText(node.get("serviceId").asText()),
            node.path("fromImage").asText(null),
            node.get("toImage").asText());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  /** Begins an entry at the step of sending the spec; 0 when nothing is journaled. */
  long begin(Plan plan) {
    if (journal == null) {
      return 0;
    }
    return journal.begin(KIND, plan.serviceId(), plan.service(), location, plan.toJson(), SEND_SPEC);
  }

  void step(long id, String step, String reason) {
    if (journal != null && id != 0) {
      journal.step(id, step, reason == null ? null : JSON.createObjectNode().put("reason", reason).toString());
    }
  }

  void finish(long id, UpdateOutcome outcome) {
    if (journal != null && id != 0) {
      journal.finish(id, outcome.name());
    }
  }
}
