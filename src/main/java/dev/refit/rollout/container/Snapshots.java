package dev.refit.rollout.container;

import dev.refit.docker.EngineMessages;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes, restores, discards and prunes the volume snapshots of a {@link BackupPlan}. A snapshot is
 * a local volume labelled with the container and volume it was taken of, when, and the image whose
 * data it holds; the volumes of one update share their {@link #TAKEN} label and form one set.
 */
final class Snapshots {
  static final String OF_CONTAINER = "refit.snapshot.container";
  static final String OF_VOLUME = "refit.snapshot.volume";
  static final String TAKEN = "refit.snapshot.taken";
  static final String IMAGE = "refit.snapshot.image";

  private final ContainerEngine ops;

  Snapshots(ContainerEngine ops) {
    this.ops = ops;
  }

  /** Copies each volume into its snapshot volume (created first, labelled). */
  void take(RecreationPlan plan) {
    BackupPlan backup = plan.backup();
    for (Map.Entry<String, String> e : backup.snapshots().entrySet()) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(OF_CONTAINER, plan.primary().name());
      labels.put(OF_VOLUME, e.getKey());
      labels.put(TAKEN, backup.taken());
      labels.put(IMAGE, plan.fromImage());
      ops.createVolume(e.getValue(), labels);
      ops.snapshot(backup.helper(), e.getKey(), e.getValue());
    }
  }

  /** A rollback with data: each volume gets the kept snapshot's data. */
  void restoreKept(BackupPlan backup) {
    backup.restoreFrom().forEach((volume, snapshot) -> ops.restore(backup.helper(), snapshot, volume));
  }

  /**
   * Gives each volume back the data it had when the update began.
   *
   * @return what could not be restored (empty when everything is)
   */
  List<String> restoreTaken(RecreationPlan plan) {
    BackupPlan backup = plan.backup();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : backup.snapshots().entrySet()) {
      try {
        ops.restore(backup.helper(), e.getValue(), e.getKey());
      } catch (RuntimeException x) {
        problems.add(
            "cannot restore volume " + e.getKey() + " from its snapshot " + e.getValue() + ": "
                + EngineMessages.of(x));
      }
    }
    return problems;
  }

  /**
   * Removes the plan's snapshot volumes (a helper a killed run left copying into them first); best
   * effort: one left behind carries its labels, and the next successful update prunes it.
   */
  void discard(RecreationPlan plan) {
    BackupPlan backup = plan.backup();
    ops.removeQuietly(backup.helper().name());
    for (String snapshot : backup.snapshots().values()) {
      try {
        ops.removeVolume(snapshot);
      } catch (RuntimeException e) {
        // left for pruning
      }
    }
  }

  /**
   * Keeps the newest {@code keep} snapshot sets of the container, removes the others.
   *
   * @return what could not be removed
   */
  List<String> prune(String container, int keep) {
    List<String> problems = new ArrayList<>();
    List<Map.Entry<Instant, List<VolumeInfo>>> sets = sets(container);
    for (Map.Entry<Instant, List<VolumeInfo>> set : sets.subList(Math.min(keep, sets.size()), sets.size())) {
      for (VolumeInfo v : set.getValue()) {
        try {
          ops.removeVolume(v.name());
        } catch (RuntimeException e) {
          problems.add("cannot remove the old snapshot " + v.name() + ": " + EngineMessages.of(e));
        }
      }
    }
    return problems;
  }

  /** The container's snapshot sets, newest first. */
  List<Map.Entry<Instant, List<VolumeInfo>>> sets(String container) {
    TreeMap<Instant, List<VolumeInfo>> byTime = new TreeMap<>(Comparator.reverseOrder());
    for (VolumeInfo v : ops.volumesLabelled(OF_CONTAINER, container)) {
      Instant taken;
      try {
        taken = Instant.parse(v.labels().getOrDefault(TAKEN, ""));
      } catch (DateTimeParseException e) {
        continue; // not one of Refit's
      }
      byTime.computeIfAbsent(taken, t -> new ArrayList<>()).add(v);
    }
    byTime.values().forEach(l -> l.sort(Comparator.comparing(VolumeInfo::name)));
    return new ArrayList<>(byTime.entrySet());
  }
}
