package dev.refit.rollout.swarm;

import java.util.List;

/** Told what a service update is doing, for progress lines and logs. Every method is optional. */
public interface ServiceUpdateListener {
  /** The new spec was accepted by Swarm; {@code safeChanges} lists the defaults filled in. */
  default void submitted(String service, String image, List<String> safeChanges) {}

  /** Someone else changed the service between read and write; Refit reads it again. */
  default void conflict(String service, int attempt) {}

  /** Tasks moved; called when the numbers or the state change. */
  default void progress(RolloutProgress progress) {}

  /** Refit asks Swarm to roll back, for this reason. */
  default void rollingBack(String service, String reason) {}

  static ServiceUpdateListener none() {
    return new ServiceUpdateListener() {};
  }
}
