package dev.refit.rollout.container;

import dev.refit.config.UpdateSettings;
import dev.refit.docker.EngineMessages;
import dev.refit.registry.ByteSize;
import dev.refit.rollout.container.ContainerInfo.VolumeMount;
import dev.refit.target.RefitLabels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Works out, before anything changes, what a data-safe update ({@code refit.backup=volumes}) does
 * with the container's volumes, and refuses it in one line when it cannot be done safely: a label
 * it does not know, a volume on another driver or over {@code update.backupMaxSize}, no helper
 * image. The sizes are measured by the helper itself, which also proves the helper works.
 */
final class BackupPlanner {
  static final String KIND_VOLUMES = "volumes";
  static final int DEFAULT_KEEP = 3;
  static final String HELPER_SUFFIX = "-refit-data";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ContainerEngine ops;
  private final UpdateSettings settings;
  private final Supplier<Optional<String>> ownImage;
  private final Clock clock;

  /**
   * @param ownImage the id of Refit's own image when Refit runs in its container, else empty
   */
  BackupPlanner(ContainerEngine ops, UpdateSettings settings, Supplier<Optional<String>> ownImage, Clock clock) {
    this.ops = ops;
    this.settings = settings;
    this.ownImage = ownImage;
    this.clock = clock;
  }

  /**
   * @param measure whether to measure the volumes (a dry run does not start a helper)
   * @return the plan, or {@code null} when the container asks for no snapshots or has no volumes
   * @throws UpdateFailure saying in one line why the update cannot be made data-safe
   */
  BackupPlan plan(ContainerInfo current, boolean measure) {
    Map<String, String> labels = current.labels();
    String kind = labels.get(RefitLabels.BACKUP);
    if (kind == null || kind.isBlank()) {
      return null;
    }
    if (!kind.trim().equals(KIND_VOLUMES)) {
      throw new UpdateFailure(
          "label " + RefitLabels.BACKUP + "='" + kind + "' is not known; the only kind is '" + KIND_VOLUMES + "'");
    }
    List<VolumeMount> volumes = current.writableVolumes();
    return volumes.isEmpty() ? null : snapshotting(current, volumes, measure);
  }

  /**
   * A rollback with data, whatever the container's labels: its volumes are snapshotted as for a
   * data-safe update, then each volume of {@code kept} gets that snapshot's data.
   *
   * @param kept each volume with the kept snapshot volume to restore it from
   * @throws UpdateFailure when a volume of the snapshot is not the container's any more, or as
   *     {@link #plan}
   */
  BackupPlan restoring(ContainerInfo current, Map<String, String> kept) {
    List<VolumeMount> volumes = current.writableVolumes();
    for (String volume : kept.keySet()) {
      if (volumes.stream().noneMatch(v -> v.name().equals(volume))) {
        throw new UpdateFailure(
            "the snapshot holds volume " + volume + ", which " + current.name() + " does not mount (writable) any more");
      }
    }
    for (String snapshot : kept.values()) {
      if (ops.volume(snapshot).isEmpty()) {
        throw new UpdateFailure("the snapshot volume " + snapshot + " is gone");
      }
    }
    return snapshotting(current, volumes, true).restoring(kept);
  }

  private BackupPlan snapshotting(ContainerInfo current, List<VolumeMount> volumes, boolean measure) {
    int keep = keep(current.labels().get(RefitLabels.BACKUP_KEEP));
    for (VolumeMount v : volumes) {
      if (!v.driver().equals("local")) {
        throw new UpdateFailure(
            "volume " + v.name() + " uses the driver '" + v.driver() + "': " + RefitLabels.BACKUP + "="
                + KIND_VOLUMES + " snapshots only local volumes; not updating");
      }
    }
    DataHelper helper = helper(current.name());
    List<String> names = volumes.stream().map(VolumeMount::name).toList();
    if (measure) {
      checkSizes(helper, names);
    }
    Instant taken = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> snapshots = new LinkedHashMap<>();
    for (String name : names) {
      snapshots.put(name, freeName(name + "-refit-snap-" + STAMP.format(taken)));
    }
    return new BackupPlan(helper, snapshots, Map.of(), keep, taken.toString());
  }

  private static int keep(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_KEEP;
    }
    try {
      int keep = Integer.parseInt(text.trim());
      if (keep >= 0) {
        return keep;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UpdateFailure(
        "label " + RefitLabels.BACKUP_KEEP + "='" + text + "' is not a whole number of 0 or more");
  }

  private DataHelper helper(String container) {
    String name = container + HELPER_SUFFIX;
    String image = settings.backupImage();
    if (image != null && !image.isBlank()) {
      if (!ops.hasImage(image)) {
        throw new UpdateFailure(
            "update.backupImage '" + image + "' is not on this engine; pull it first (docker pull " + image + ")");
      }
      return DataHelper.plain(name, image);
    }
    return ownImage.get()
        .map(id -> DataHelper.refitImage(name, id))
        .orElseThrow(
            () ->
                new UpdateFailure(
                    RefitLabels.BACKUP + "=" + KIND_VOLUMES + " needs a helper image with sh, cp, du and rm:"
                        + " set update.backupImage (REFIT_UPDATE_BACKUP_IMAGE), e.g. busybox:1.36"));
  }

  private void checkSizes(DataHelper helper, List<String> names) {
    Map<String, Long> sizes;
    try {
      sizes = ops.measure(helper, names);
    } catch (RuntimeException e) {
      throw new UpdateFailure("cannot measure its volumes before snapshotting them: " + EngineMessages.of(e), e);
    }
    for (String name : names) {
      long size = sizes.getOrDefault(name, 0L);
      if (size > settings.backupMaxSize()) {
        throw new UpdateFailure(
            "volume " + name + " holds " + human(size) + ", over update.backupMaxSize ("
                + new ByteSize(settings.backupMaxSize()) + "); not updating (raise the limit or remove "
                + RefitLabels.BACKUP + ")");
      }
    }
  }

  /** The name, or with {@code -2}, {@code -3}... when a volume has it (two updates in a second). */
  private String freeName(String base) {
    String name = base;
    for (int i = 2; ops.volume(name).isPresent(); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String human(long bytes) {
    if (bytes >= 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1fGB", bytes / (1024.0 * 1024 * 1024));
    }
    if (bytes >= 1024L * 1024) {
      return String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%dKB", (bytes + 1023) / 1024);
  }
}
