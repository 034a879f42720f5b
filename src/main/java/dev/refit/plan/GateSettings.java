package dev.refit.plan;

import java.time.Duration;
import java.util.List;

/**
 * What may be applied, and when: the {@code update.mode}, {@code update.minAge} and {@code
 * update.windows} keys.
 *
 * @param mode the mode of targets not labelled {@code refit.enable=true} and without {@code
 *     refit.mode}; targets that opted in with {@code refit.enable=true} default to {@code apply}
 * @param minAge how old an image must be (since it was pushed, by its created time) before it is
 *     applied; labels {@code refit.min-age} override it
 * @param windows when updates may be applied; empty means any time
 */
public record GateSettings(UpdateMode mode, Duration minAge, List<MaintenanceWindow> windows) {
  public GateSettings {
    windows = List.copyOf(windows);
  }

  public static GateSettings defaults() {
    return new GateSettings(UpdateMode.NOTIFY, Duration.ZERO, List.of());
  }
}
