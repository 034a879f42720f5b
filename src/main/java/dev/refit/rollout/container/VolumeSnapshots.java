package dev.refit.rollout.container;

import dev.refit.docker.DockerEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The volume snapshots Refit kept of a container ({@code refit.backup=volumes}), newest first: what
 * a rollback with data ({@code refit rollback --with-data}) restores through {@link
 * ContainerRecreateApplier#apply(dev.refit.plan.UpdatePlan, dev.refit.rollout.RolloutListener,
 * SnapshotSet)}.
 */
public final class VolumeSnapshots {
  private final Snapshots snapshots;

  public VolumeSnapshots(DockerEngine engine) {
    this(new DockerContainerEngine(engine.api()));
  }

  VolumeSnapshots(ContainerEngine ops) {
    this.snapshots = new Snapshots(ops);
  }

  /**
   * The volumes of one container copied at one moment, before an update.
   *
   * @param container the container's name
   * @param taken when (the old container had just stopped)
   * @param image the image reference the container ran then: the version whose data it is
   * @param volumes each volume, with the snapshot volume holding its data
   */
  public record SnapshotSet(String container, Instant taken, String image, Map<String, String> volumes) {
    public SnapshotSet {
      volumes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
    }
  }

  /** Every kept snapshot set of the container, newest first. */
  public List<SnapshotSet> of(String container) {
    List<SnapshotSet> sets = new ArrayList<>();
    for (Map.Entry<Instant, List<VolumeInfo>> e : snapshots.sets(container)) {
      Map<String, String> volumes = new LinkedHashMap<>();
      String image = "";
      for (VolumeInfo v : e.getValue()) {
        volumes.put(v.labels().getOrDefault(Snapshots.OF_VOLUME, ""), v.name());
        image = v.labels().getOrDefault(Snapshots.IMAGE, image);
      }
      sets.add(new SnapshotSet(container, e.getKey(), image, volumes));
    }
    return sets;
  }

  /** The newest snapshot set of the container, if any. */
  public Optional<SnapshotSet> latestFor(String container) {
    return of(container).stream().findFirst();
  }

  /**
   * The newest snapshot set taken while the container ran {@code image} (a reference as the user
   * wrote it): the data to go back to with that version.
   */
  public Optional<SnapshotSet> latestFor(String container, String image) {
    return of(container).stream().filter(s -> s.image().equals(image)).findFirst();
  }
}
