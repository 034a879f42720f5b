package dev.refit.rollout.container;

import java.util.Map;

/**
 * A volume as the engine describes it.
 *
 * @param name its name
 * @param driver {@code local} or a plugin's name
 * @param labels its labels (Refit's snapshots name their origin there)
 */
record VolumeInfo(String name, String driver, Map<String, String> labels) {
  VolumeInfo {
    labels = Map.copyOf(labels);
  }
}
