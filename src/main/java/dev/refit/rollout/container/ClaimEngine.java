package dev.refit.rollout.container;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a claim needs from the engine. Container names are unique on an engine and the engine
 * reserves a name atomically, so creating a container under a name is a claim every Refit that
 * talks to that engine sees, whatever its state directory or host.
 */
interface ClaimEngine {

  /** A claim container as the engine shows it. */
  record Holder(String id, Map<String, String> labels, Instant created) {}

  /**
   * Creates a container that is never started, named {@code name}, from {@code image}.
   *
   * @return {@code false} when another container holds the name (the engine answered 409)
   */
  boolean create(String name, String image, Map<String, String> labels);

  /** The container holding {@code name}, if any. */
  Optional<Holder> find(String name);

  /** Every claim container on the engine (those labelled {@code refit.claim}). */
  java.util.List<Holder> claims();

  /** Removes the claim container and its anonymous volumes; nothing when it is gone already. */
  void remove(String id);
}
