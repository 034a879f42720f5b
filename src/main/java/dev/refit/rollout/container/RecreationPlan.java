package dev.refit.rollout.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.compose.FileEdit;
import java.util.List;

/**
 * What a container update is going to do, as journaled before its first step: enough for a later
 * Refit to put everything back (or finish it) from names and ids alone. Never holds configuration
 * values (env may carry secrets).
 *
 * @param location the Docker host
 * @param fromImage the image reference before, as the user wrote it
 * @param toImage the reference the new container gets
 * @param fromDigest the registry digest before, or {@code null}
 * @param toDigest the digest pulled
 * @param members the containers recreated, the updated one first, then those sharing its namespaces
 * @param restart names of containers that link to or depend on it, restarted afterwards
 * @param files edits of the Compose files that defined it, made once the new containers passed
 *     their gates and undone with them (versions and checksums only, no other content)
 * @param backup what happens to the updated container's volumes ({@code refit.backup=volumes}), or
 *     {@code null} when nothing does
 */
record RecreationPlan(
    String location,
    String fromImage,
    String toImage,
    String fromDigest,
    String toDigest,
    List<Member> members,
    List<String> restart,
    List<FileEdit> files,
    BackupPlan backup) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  RecreationPlan {
    members = List.copyOf(members);
    restart = List.copyOf(restart);
    files = files == null ? List.of() : List.copyOf(files);
  }


  /**
   * @param name the container's name (also the new one's)
   * @param oldId the id of the container being replaced
   * @param oldImageId the image it runs
   * @param wasRunning whether it ran before (a stopped dependant is recreated, not started)
   */
  record Member(String name, String oldId, String oldImageId, boolean wasRunning) {
    /** The name the old container carries while the new one is tried. */
    String parkedName() {
      return name + "-refit-old";
    }
  }

  Member primary() {
    return members.get(0);
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan of strings always serialises", e);
    }
  }

  static RecreationPlan fromJson(String json) {
    try {
      return JSON.readValue(json, RecreationPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("journal plan is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
