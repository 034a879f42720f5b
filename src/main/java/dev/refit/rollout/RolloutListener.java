package dev.refit.rollout;

import dev.refit.target.Target;

/** Told what a rollout is doing, for a progress line; the default ignores everything. */
public interface RolloutListener {
  /** A step of the target's update begins, e.g. {@code pulling app:1.2}. */
  default void step(Target target, String description) {}

  /** The target's update ended. */
  default void finished(RolloutResult result) {}

  static RolloutListener none() {
    return new RolloutListener() {};
  }
}
