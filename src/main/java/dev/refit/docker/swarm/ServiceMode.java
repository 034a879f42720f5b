package dev.refit.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;

/** How Swarm schedules a service's tasks: the key under {@code Spec.Mode}. */
public enum ServiceMode {
  REPLICATED("Replicated"),
  GLOBAL("Global"),
  REPLICATED_JOB("ReplicatedJob"),
  GLOBAL_JOB("GlobalJob");

  private final String key;

  ServiceMode(String key) {
    this.key = key;
  }

  /** The key in {@code Spec.Mode}, e.g. {@code GlobalJob}. */
  public String key() {
    return key;
  }

  /** Jobs run to completion; they are not long-running services to update. */
  public boolean isJob() {
    return this == REPLICATED_JOB || this == GLOBAL_JOB;
  }

  /** The mode of a spec; a spec without {@code Mode} is replicated, as Swarm defaults it. */
  static ServiceMode of(JsonNode spec) {
    JsonNode mode = spec.path("Mode");
    for (ServiceMode m : values()) {
      if (mode.has(m.key)) {
        return m;
      }
    }
    return REPLICATED;
  }
}
